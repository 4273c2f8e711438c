package app.sabai.booking.policy;

import app.sabai.contracts.branches.CancellationPolicy;
import app.sabai.contracts.values.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FeePolicyTest {

    static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    static final Money SIXTY_POUNDS = new Money(6000, "GBP");
    static final FeePolicy STANDARD = new FeePolicy(CancellationPolicy.standard(), SIXTY_POUNDS);

    @Test
    void aChangeExactlyAtTheEndOfTheFreePeriodIsFree() {
        assertThat(STANDARD.forChangeAt(START, START.minus(Duration.ofHours(24)))).isEqualTo(Charge.FREE);
    }

    @Test
    void aChangeAMillisecondLaterIsLateAndCostsTheLateFee() {
        Charge charge = STANDARD.forChangeAt(START, START.minus(Duration.ofHours(24)).plusMillis(1));

        assertThat(charge.late()).isTrue();
        assertThat(charge.fee()).isEqualTo(new Money(3000, "GBP"));
    }

    @Test
    void aChangeWellAheadIsFreeAndOneAfterTheStartIsLate() {
        assertThat(STANDARD.forChangeAt(START, START.minus(Duration.ofDays(7)))).isEqualTo(Charge.FREE);
        assertThat(STANDARD.forChangeAt(START, START.plus(Duration.ofMinutes(5))).late()).isTrue();
    }

    @Test
    void theFreePeriodIsTheBranchs() {
        FeePolicy twoHours = new FeePolicy(new CancellationPolicy(2, 25, 100), SIXTY_POUNDS);

        assertThat(twoHours.freeUntil(START)).isEqualTo(START.minus(Duration.ofHours(2)));
        assertThat(twoHours.forChangeAt(START, START.minus(Duration.ofHours(3)))).isEqualTo(Charge.FREE);
        assertThat(twoHours.forChangeAt(START, START.minus(Duration.ofMinutes(119)))).isEqualTo(new Charge(true, new Money(1500, "GBP")));
    }

    @ParameterizedTest(name = "{1}% of {0} is {2}")
    @CsvSource({
            "8999, 50, 4500",   // 4499.5 rounds half up
            "8998, 50, 4499",
            "1, 50, 1",         // half a penny rounds up
            "1, 49, 0",
            "5555, 33, 1833",   // 1833.15
            "5555, 67, 3722",   // 3721.85
            "6000, 100, 6000"})
    void feesAreRoundedHalfUpToTheMinorUnit(long price, int percent, long fee) {
        FeePolicy policy = new FeePolicy(new CancellationPolicy(24, percent, percent), new Money(price, "THB"));

        Money expected = fee == 0 ? null : new Money(fee, "THB");
        assertThat(policy.forChangeAt(START, START).fee()).isEqualTo(expected);
        assertThat(policy.noShowFee()).isEqualTo(expected);
    }

    @Test
    void withoutAPriceALateChangeIsLateButCostsNothing() {
        FeePolicy unpriced = new FeePolicy(CancellationPolicy.standard(), null);

        assertThat(unpriced.forChangeAt(START, START.minus(Duration.ofHours(1)))).isEqualTo(new Charge(true, null));
        assertThat(unpriced.noShowFee()).isNull();
    }

    @Test
    void aPolicyThatChargesNothingChargesNothing() {
        FeePolicy lenient = new FeePolicy(new CancellationPolicy(24, 0, 0), SIXTY_POUNDS);

        assertThat(lenient.forChangeAt(START, START.minus(Duration.ofHours(1)))).isEqualTo(new Charge(true, null));
        assertThat(lenient.noShowFee()).isNull();
    }

    @Test
    void theNoShowFeeIsItsOwnPercentage() {
        assertThat(STANDARD.noShowFee()).isEqualTo(SIXTY_POUNDS);
        assertThat(new FeePolicy(new CancellationPolicy(24, 50, 80), SIXTY_POUNDS).noShowFee()).isEqualTo(new Money(4800, "GBP"));
    }

    @Test
    void aMissingPolicyIsTheStandardOne() {
        assertThat(new FeePolicy(null, SIXTY_POUNDS).policy()).isEqualTo(new CancellationPolicy(24, 50, 100));
    }

    @Test
    void aWaivedChargeKeepsItsTimingButNotItsFee() {
        assertThat(new Charge(true, SIXTY_POUNDS).waived()).isEqualTo(new Charge(true, null));
    }
}

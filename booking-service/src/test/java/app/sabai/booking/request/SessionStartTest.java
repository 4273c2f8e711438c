package app.sabai.booking.request;

import app.sabai.booking.request.SessionStart.At;
import app.sabai.booking.request.SessionStart.Refused;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class SessionStartTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void anInstantWithOffsetIsTakenAsItIs() {
        assertThat(SessionStart.ofInstant("2026-12-01T10:00:00Z")).isEqualTo(new At(Instant.parse("2026-12-01T10:00:00Z")));
        assertThat(SessionStart.ofInstant("2026-12-01T17:00:00+07:00")).isEqualTo(new At(Instant.parse("2026-12-01T10:00:00Z")));
    }

    @Test
    void anInstantWithoutOffsetIsRefusedPointingToStartLocal() {
        assertThat(SessionStart.ofInstant("2026-12-01T10:00")).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.message()).contains("has no offset", "startLocal"));
        assertThat(SessionStart.ofInstant("next tuesday")).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.message()).contains("not an ISO-8601 date-time with offset"));
    }

    @Test
    void aLocalTimeIsReadInTheBranchZone() {
        assertThat(SessionStart.ofLocal("2026-12-01T10:00", LONDON)).isEqualTo(new At(Instant.parse("2026-12-01T10:00:00Z")));
        assertThat(SessionStart.ofLocal("2026-07-01T10:00", LONDON)).isEqualTo(new At(Instant.parse("2026-07-01T09:00:00Z")));
        assertThat(SessionStart.ofLocal("2026-07-01T10:00", NEW_YORK)).isEqualTo(new At(Instant.parse("2026-07-01T14:00:00Z")));
        assertThat(SessionStart.ofLocal("2026-12-01T10:00", NEW_YORK)).isEqualTo(new At(Instant.parse("2026-12-01T15:00:00Z")));
    }

    @Test
    void aLocalTimeInTheLondonSpringGapDoesNotExist() {
        assertThat(SessionStart.ofLocal("2026-03-29T01:30", LONDON)).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.message()).contains("2026-03-29T01:30 does not exist in Europe/London",
                        "from 01:00 to 02:00", "choose another time"));
    }

    @Test
    void aLocalTimeInTheLondonAutumnOverlapNeedsTheOffset() {
        assertThat(SessionStart.ofLocal("2026-10-25T01:30", LONDON)).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.message()).contains("happens twice in Europe/London", "send start with the offset",
                        "2026-10-25T01:30+01:00", "2026-10-25T01:30Z"));
    }

    @Test
    void aLocalTimeInTheNewYorkSpringGapDoesNotExist() {
        assertThat(SessionStart.ofLocal("2026-03-08T02:30", NEW_YORK)).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.message()).contains("does not exist in America/New_York", "from 02:00 to 03:00"));
    }

    @Test
    void aLocalTimeInTheNewYorkAutumnOverlapNeedsTheOffset() {
        assertThat(SessionStart.ofLocal("2026-11-01T01:30", NEW_YORK)).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.message()).contains("happens twice in America/New_York",
                        "2026-11-01T01:30-04:00", "2026-11-01T01:30-05:00"));
    }

    @Test
    void theEdgesOfAGapAndAnOverlapAreOrdinaryTimes() {
        assertThat(SessionStart.ofLocal("2026-03-29T02:00", LONDON)).isEqualTo(new At(Instant.parse("2026-03-29T01:00:00Z")));
        assertThat(SessionStart.ofLocal("2026-10-25T02:00", LONDON)).isEqualTo(new At(Instant.parse("2026-10-25T02:00:00Z")));
        assertThat(SessionStart.ofLocal("2026-11-01T00:59", NEW_YORK)).isEqualTo(new At(Instant.parse("2026-11-01T04:59:00Z")));
    }

    @Test
    void aLocalTimeWithAnOffsetIsRefused() {
        assertThat(SessionStart.ofLocal("2026-12-01T10:00:00Z", LONDON)).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.message()).contains("not an ISO-8601 local date-time", "use start"));
    }
}

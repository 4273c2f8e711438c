package app.sabai.booking.catalogue;

import app.sabai.contracts.branches.ServiceArea;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PostcodeDistrictTest {

    @Test
    void aUkPostcodeBelongsToItsOutwardCode() {
        assertThat(PostcodeDistrict.of("CH41 4AA")).isEqualTo("CH41");
        assertThat(PostcodeDistrict.of(" ch414aa ")).isEqualTo("CH41");
        assertThat(PostcodeDistrict.of("L1 8JQ")).isEqualTo("L1");
        assertThat(PostcodeDistrict.of("EC1A 1BB")).isEqualTo("EC1A");
        assertThat(PostcodeDistrict.of("WA4")).isEqualTo("WA4");
    }

    @Test
    void otherPostcodesAreTakenAsTheyAre() {
        assertThat(PostcodeDistrict.of("10001")).isEqualTo("10001");
    }

    @Test
    void aMobileBranchServesTheDistrictsOfItsArea() {
        Branch mobile = new Branch("merseyside-mobile", "Merseyside mobile", ZoneId.of("Europe/London"), List.of(), List.of(), true,
                new ServiceArea("Merseyside, the Wirral and North Cheshire", List.of("L1", "ch41", "WA4")), null, null, Instant.EPOCH);

        assertThat(mobile.serves("CH41 4AA")).isTrue();
        assertThat(mobile.serves("l1 8jq")).isTrue();
        assertThat(mobile.serves("L18 1AA")).isFalse();
        assertThat(mobile.serves("M1 1AA")).isFalse();
    }
}

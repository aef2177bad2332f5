package io.montage.models.audio;

/**
 * The Slaney (Auditory Toolbox) mel scale that librosa uses by default and Whisper's filters were
 * built with: linear below 1 kHz, logarithmic above. Constants from librosa's {@code hz_to_mel}
 * ({@code htk=False}).
 */
final class SlaneyMelScale {

    /** Hz per mel in the linear region (200/3). */
    private static final double HZ_PER_MEL = 200.0 / 3.0;
    /** Where the scale turns logarithmic. */
    private static final double LOG_REGION_START_HZ = 1000.0;

    private static final double LOG_REGION_START_MEL = LOG_REGION_START_HZ / HZ_PER_MEL;
    /** ln(6.4)/27: 27 mels per factor 6.4 in frequency above 1 kHz. */
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    private SlaneyMelScale() {}

    static double hzToMel(double hz) {
        if (hz < LOG_REGION_START_HZ) {
            return hz / HZ_PER_MEL;
        }
        return LOG_REGION_START_MEL + Math.log(hz / LOG_REGION_START_HZ) / LOG_STEP;
    }

    static double melToHz(double mel) {
        if (mel < LOG_REGION_START_MEL) {
            return mel * HZ_PER_MEL;
        }
        return LOG_REGION_START_HZ * Math.exp(LOG_STEP * (mel - LOG_REGION_START_MEL));
    }
}

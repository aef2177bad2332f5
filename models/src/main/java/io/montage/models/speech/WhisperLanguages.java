package io.montage.models.speech;

import java.util.List;

/** Whisper's language codes in token order (openai/whisper tokenizer.py {@code LANGUAGES}); v3 adds {@code yue}. */
final class WhisperLanguages {

    static final List<String> CODES =
            List.of(("en zh de es ru ko fr ja pt tr pl ca nl ar sv it id hi fi vi he uk el ms cs ro da hu ta"
                            + " no th ur hr bg lt la mi ml cy sk te fa lv bn sr az sl kn et mk br eu is hy ne mn bs kk sq sw gl mr pa si km sn yo so af"
                            + " oc ka be tg sd gu am yi lo uz fo ht ps tk nn mt sa lb my bo tl mg as tt haw ln ha ba jw su yue")
                    .split(" "));

    private WhisperLanguages() {}
}

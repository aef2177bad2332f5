package io.montage.models.text;

import ai.djl.huggingface.tokenizers.jni.LibUtils;
import io.montage.models.natives.NativeComponent;

/** DJL's Hugging Face tokenizers library (Rust, through JNI), which every text-handling model uses. */
public final class TokenizerNatives {

    public static final NativeComponent COMPONENT =
            new NativeComponent("DJL tokenizers", "tokenizing text for the models", LibUtils::checkStatus);

    private TokenizerNatives() {}
}

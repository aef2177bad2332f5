package io.montage.models.media;

/** What an upload is, decided from its streams and codecs, never from its file name. */
public enum ContentKind {
    /** A single picture: PNG, JPEG, WebP, GIF (first frame), HEIC, or a one-frame video. */
    IMAGE,
    /** Audio streams only. */
    AUDIO,
    /** A video stream with more than one frame or a duration. */
    VIDEO
}

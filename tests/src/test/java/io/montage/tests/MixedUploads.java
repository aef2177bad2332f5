package io.montage.tests;

import io.montage.models.media.ContentKind;
import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.media.MediaLimits;
import io.montage.processors.blob.FileBlobStore;
import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.TextKind;
import io.montage.topology.client.MediaSender;
import io.montage.topology.topics.Topics;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A steady mix of uploads from a background thread, as live traffic arrives: every 100 ms four
 * texts, every 200 ms an image (one in ten undecodable), every second an audio clip (speech in
 * three formats, one in five undecodable). Remembers what the broker acknowledged, by kind.
 */
final class MixedUploads implements AutoCloseable {

    private static final Path AUDIO = Path.of("..", "models", "src", "test", "resources", "audio");

    final List<String> texts = new CopyOnWriteArrayList<>();
    final List<String> images = new CopyOnWriteArrayList<>();
    final List<String> decodableImages = new CopyOnWriteArrayList<>();
    final List<String> audio = new CopyOnWriteArrayList<>();
    final List<String> decodableAudio = new CopyOnWriteArrayList<>();

    private final Topics topics;
    private final MediaSender media;
    private final KafkaProducer<String, byte[]> textProducer;
    private final List<byte[]> speech;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;

    MixedUploads(Topics topics, String bootstrap, Path blobs) throws IOException {
        this.topics = topics;
        this.media = new MediaSender(
                topics,
                new FfmpegMediaProbe(MediaLimits.defaults()),
                new FileBlobStore(blobs),
                1 << 20,
                bootstrap,
                Map.of());
        this.textProducer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer());
        this.speech = List.of(
                Files.readAllBytes(AUDIO.resolve("hello-16k.wav")),
                Files.readAllBytes(AUDIO.resolve("phrases-16k.flac")),
                BadMedia.sample("sample-speech.ogg"));
        this.thread = new Thread(this::run, "mixed-uploads");
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            long next = System.nanoTime();
            for (int tick = 0; running.get(); tick++) {
                for (int i = 0; i < 4; i++) {
                    sendText(tick * 4 + i);
                }
                if (tick % 2 == 0) {
                    sendImage(tick / 2);
                }
                if (tick % 10 == 0) {
                    sendAudio(tick / 10);
                }
                next += 100_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure.set(e);
        }
    }

    private void sendText(int index) {
        String id = "text-" + index;
        TextEvent text = TextEvent.newBuilder()
                .setEventId(id)
                .setKind(TextKind.CAPTION)
                .setText("caption " + index + " of a mixed stream under repeated kills")
                .build();
        textProducer.send(
                new ProducerRecord<>(
                        topics.texts().name(),
                        id,
                        topics.texts()
                                .valueSerde()
                                .serializer()
                                .serialize(topics.texts().name(), text)),
                (metadata, e) -> {
                    if (e == null) {
                        texts.add(id);
                    }
                });
    }

    private void sendImage(int index) throws IOException {
        boolean broken = index % 10 == 9;
        byte[] data = broken ? BadMedia.randomBytes(2048, index) : numberedJpeg(index);
        String id = media.send(Path.of("image-" + index + ".jpg"), data, ContentKind.IMAGE)
                .eventId();
        images.add(id);
        if (!broken) {
            decodableImages.add(id);
        }
    }

    private void sendAudio(int index) throws IOException {
        boolean broken = index % 5 == 4;
        byte[] data = broken ? BadMedia.truncated(speech.get(1)) : speech.get(index % speech.size());
        String id = media.send(Path.of("clip-" + index + ".audio"), data, ContentKind.AUDIO)
                .eventId();
        audio.add(id);
        if (!broken) {
            decodableAudio.add(id);
        }
    }

    /** A 320×240 JPEG of one colour with its index written on it: distinct per index, the same every run. */
    static byte[] numberedJpeg(int index) {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(index * 7919 & 0xffffff));
        g.fillRect(0, 0, 320, 240);
        g.setColor(Color.WHITE);
        g.drawString("image " + index, 40, 120);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Stops sending and waits for every acknowledgement; fails if sending failed. */
    void stop() throws Exception {
        if (running.getAndSet(false)) {
            thread.join();
            textProducer.flush();
        }
        if (failure.get() != null) {
            throw new AssertionError("sending the mixed uploads failed", failure.get());
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } finally {
            textProducer.close();
            media.close();
        }
    }
}

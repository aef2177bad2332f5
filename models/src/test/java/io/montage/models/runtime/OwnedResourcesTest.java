package io.montage.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnedResourcesTest {

    private final List<String> closed = new ArrayList<>();

    @Test
    void resourcesCloseLastOpenedFirst() {
        try (OwnedResources resources = new OwnedResources("test")) {
            resources.add(named("tokenizer"));
            resources.add(named("session"));
            resources.add(named("batcher"));
        }

        assertThat(closed).containsExactly("batcher", "session", "tokenizer");
    }

    @Test
    void everyResourceIsClosedWhenOneFailsAndTheFirstFailureCarriesTheOthers() {
        OwnedResources resources = new OwnedResources("model 'x'");
        resources.add(named("tokenizer"));
        resources.add(() -> {
            throw new java.io.IOException("disk gone");
        });
        resources.add(() -> {
            throw new IllegalStateException("session busy");
        });

        assertThatThrownBy(resources::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("session busy")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement().satisfies(s -> assertThat(s)
                        .hasMessage("disk gone")));
        assertThat(closed).containsExactly("tokenizer");
    }

    @Test
    void aCheckedFailureAloneIsThrownNamingTheOwner() {
        OwnedResources resources = new OwnedResources("model 'x'");
        resources.add(() -> {
            throw new java.io.IOException("disk gone");
        });

        assertThatThrownBy(resources::close).hasMessage("closing model 'x' failed: disk gone");
    }

    @Test
    void handedOverResourcesAreTheNewOwnersToClose() {
        OwnedResources kept;
        try (OwnedResources opening = new OwnedResources("test")) {
            opening.add(named("session"));
            kept = opening.handOver();
        }
        assertThat(closed).isEmpty();

        kept.close();
        assertThat(closed).containsExactly("session");
    }

    private AutoCloseable named(String name) {
        return () -> closed.add(name);
    }
}

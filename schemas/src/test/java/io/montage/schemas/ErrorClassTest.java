package io.montage.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.schemas.avro.DeadLetter;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The contract documents exactly the error classes dead-letters can carry. */
class ErrorClassTest {

    @Test
    void theDeadLetterSchemaNamesEveryErrorClassAndNoOther() {
        String doc = DeadLetter.getClassSchema().getField("errorClass").doc();
        Set<String> documented = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b|\\b[A-Z]{4,}\\b")
                .matcher(doc)
                .results()
                .map(m -> m.group())
                .collect(Collectors.toSet());
        Set<String> classes = Arrays.stream(ErrorClass.values()).map(Enum::name).collect(Collectors.toSet());

        assertThat(documented).containsExactlyInAnyOrderElementsOf(classes);
    }
}

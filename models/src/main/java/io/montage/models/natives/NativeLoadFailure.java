package io.montage.models.natives;

import java.util.Optional;

/**
 * Why one {@link NativeComponent} did not load, phrased for the person who can fix the machine.
 *
 * @param component the component that failed
 * @param missing   the shared library the system linker could not find, where the failure names one
 * @param detail    the linker's or loader's own words, for everything else
 */
public record NativeLoadFailure(NativeComponent component, Optional<MissingLibrary> missing, String detail) {

    public static NativeLoadFailure of(NativeComponent component, Throwable failure) {
        return new NativeLoadFailure(component, MissingLibrary.in(failure), LinkerMessages.innermost(failure));
    }

    /**
     * One paragraph: what cannot load, what Montage needs it for, and the command that fixes it.
     * Where no library is named (a wrong CPU architecture, a C library that is too old), the
     * linker's own message is the most precise thing to show.
     */
    public String describe() {
        String what = component.name() + " (" + component.purpose() + ") cannot be loaded";
        return missing.map(library ->
                        what + ": the system library " + library.soname() + " is missing. " + library.installHint())
                .orElse(what + ": " + detail);
    }
}

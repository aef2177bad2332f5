package io.montage.models.natives;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shared library that the dynamic linker could not find, read from the {@link UnsatisfiedLinkError}
 * the JVM (or JavaCPP, or ONNX Runtime's loader) throws, and the package that provides it.
 *
 * @param soname the library's file name, e.g. {@code libpulse.so.0}
 */
public record MissingLibrary(String soname) {

    /** glibc's dlopen: "/path/libjniavdevice.so: libpulse.so.0: cannot open shared object file: ...". */
    private static final Pattern DLOPEN =
            Pattern.compile("([^\\s:/]+\\.so(?:\\.[0-9]+)*): cannot open shared object file");
    /** The JVM's System.loadLibrary: "no tokenizers in java.library.path: /usr/lib...". */
    private static final Pattern LIBRARY_PATH = Pattern.compile("\\bno ([A-Za-z0-9_.+-]+) in java\\.library\\.path");

    /**
     * The missing library named anywhere in a failure's chain of causes. The innermost name wins:
     * JavaCPP reports "no jniavdevice in java.library.path" and gives the linker's real reason
     * (a dependency of that library) as the cause.
     */
    static Optional<MissingLibrary> in(Throwable failure) {
        Optional<MissingLibrary> found = Optional.empty();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            Matcher dlopen = DLOPEN.matcher(message);
            if (dlopen.find()) {
                found = Optional.of(new MissingLibrary(dlopen.group(1)));
                continue;
            }
            Matcher path = LIBRARY_PATH.matcher(message);
            if (path.find() && found.isEmpty()) {
                found = Optional.of(new MissingLibrary(System.mapLibraryName(path.group(1))));
            }
        }
        return found;
    }

    /** The command that installs the library, or how to find out which package ships it. */
    public String installHint() {
        return DebianPackages.providing(soname)
                .map(pkg -> "Install it with: sudo apt-get install -y " + pkg + " (Debian/Ubuntu; the package "
                        + "may be named differently on other distributions)")
                .orElse("Find the package that ships it with: apt-file search " + soname
                        + " (Debian/Ubuntu) or dnf provides '*/" + soname + "' (Fedora/RHEL), and install it");
    }
}

package dev.pkinitkdc.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One lab KDC, with the lab's own kdc.conf, shared by every test of a class: {@link #kdc} in {@link #dir}/lab. */
abstract class LabPerClass {
    @TempDir
    static Path dir;
    static LabKdc kdc;

    @BeforeAll
    static void startLab() throws Exception {
        kdc = LabKdc.start(dir.resolve("lab"));
    }

    @AfterAll
    static void stopLab() {
        if (kdc != null) {
            kdc.close();
        }
    }
}

package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.KairosProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `kairos up` on a port another program holds prints Kairos's one line, not the web server's own error first. */
class PortInUseIsOneLineTest {
    @TempDir Path home;

    @Test
    void upOnATakenPortSaysSoInOneLineAndDoesNotClaimACleanStop() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = Map.of("KAIROS_HOME", home.toString(), "KAIROS_HTTP_PORT",
                    Integer.toString(taken.getLocalPort()));
            assertThat(CliRun.run(env, InstantSource.system(), "init").exitCode()).isZero();

            try (KairosProcess up = KairosProcess.start(env, "up")) {
                assertThat(up.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
                assertThat(up.output()).containsExactly("kairos: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                        + " (Address already in use); another program may use it: set KAIROS_HTTP_PORT or http.port"
                        + " in kairos.yaml");
            }
        }
    }
}

package io.socketway.cli;

import io.socketway.netty.LocalCertificates;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code socketway cert}: issues a development certificate from a local CA (created on first use) with
 * {@link LocalCertificates}, and prints how to serve it and how to make clients trust the CA.
 */
@Command(
        name = "cert",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Creates a local certificate authority (once) and a server certificate for local TLS development, then "
                    + "prints the `socketway run` options that serve it and how to make clients trust the authority.",
            "Running it again reuses the authority and renews the server certificate; a running gateway picks the new "
                    + "one up without a restart."
        })
final class CertCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to write ca.pem, ca-key.pem, localhost.pem, localhost-key.pem and truststore.p12 "
                    + "(default: ~/.socketway/certs).")
    Optional<Path> dir = Optional.empty();

    @Option(names = "--hosts", paramLabel = "HOST", split = ",", defaultValue = "localhost,127.0.0.1,::1",
            description = "DNS names and IP addresses the certificate covers, comma-separated (default: "
                    + "${DEFAULT-VALUE}).")
    List<String> hosts = LocalCertificates.DEFAULT_HOSTS;

    @Option(names = "--days", paramLabel = "N", defaultValue = "825",
            description = "How many days the server certificate is valid (default: ${DEFAULT-VALUE}).")
    int days;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            LocalCertificates.Issued issued =
                    LocalCertificates.issue(dir.orElseGet(LocalCertificates::defaultDirectory), hosts, days);
            print(out, issued);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("socketway: " + e.getMessage());
            return 2;
        } catch (UncheckedIOException e) {
            err.println("socketway: could not write the certificates: " + e.getCause());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private void print(PrintWriter out, LocalCertificates.Issued issued) {
        String ca = shell(issued.authorityFile());
        out.println(issued.authorityCreated()
                ? "Created a local certificate authority: " + ca + " (its key " + shell(issued.authorityKeyFile())
                        + " stays private)"
                : "Using the local certificate authority " + ca);
        out.println("Issued a certificate for " + String.join(", ", hosts) + ", valid until "
                + issued.certificate().getNotAfter().toInstant().atZone(ZoneOffset.UTC).toLocalDate() + ":");
        out.println("  certificate  " + shell(issued.certificateFile()));
        out.println("  key          " + shell(issued.keyFile()));
        out.println();
        out.println("Serve wss:// and https:// with it:");
        out.println("  ./socketway run TEMPLATE --tls-cert " + shell(issued.certificateFile()) + " --tls-key "
                + shell(issued.keyFile()));
        out.println();
        out.println("Make clients trust the authority, so that wss://localhost:PORT/{stage} and the");
        out.println("https://{domainName}/{stage} @connections endpoint that functions build from the event work:");
        out.println("  Java (AWS SDK for Java, java.net.http), for one JVM (which then trusts only this authority):");
        out.println("    -Djavax.net.ssl.trustStore=" + shell(issued.trustStoreFile())
                + " -Djavax.net.ssl.trustStorePassword=" + LocalCertificates.TRUST_STORE_PASSWORD);
        out.println("  or add it to the JDK's trust store (may need sudo):");
        out.println("    keytool -importcert -noprompt -cacerts -storepass changeit -alias socketway-local-ca -file "
                + ca);
        out.println("  Node.js (AWS SDK for JavaScript, ws):  export NODE_EXTRA_CA_CERTS=" + ca);
        out.println("  AWS CLI and Python boto3:              export AWS_CA_BUNDLE=" + ca);
        out.println("  Python requests:                       export REQUESTS_CA_BUNDLE=" + ca);
        out.println("  curl:                                  curl --cacert " + ca
                + " https://localhost:8080/_socketway/health");
        out.println("These files are for local development only.");
    }

    private static String shell(Path path) {
        String p = path.toAbsolutePath().toString();
        return p.matches("[A-Za-z0-9_./:@%+=,-]+") ? p : "'" + p.replace("'", "'\\''") + "'";
    }
}

package dev.kairos.cli;

import dev.kairos.Kairos;
import dev.kairos.bench.WebhookBench;
import dev.kairos.bench.WebhookReport;
import dev.kairos.bench.WorkDir;
import dev.kairos.config.ConfigReader;
import dev.kairos.config.Workspace;
import dev.kairos.web.GitHubHook;
import dev.kairos.web.WebServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "webhook", description = {"What handling a GitHub webhook delivery costs: signs every example "
        + "delivery, posts each N times (a new delivery id each time) to Kairos's own HTTP server on 127.0.0.1 over a "
        + "temporary workspace, and reports the handling time measured inside the server (p50, p99), so the HTTP "
        + "client does not count. A first pass warms the JVM up and is not counted.",
        "Example: ./kairos bench webhook --data ../shared/data/github-webhooks/payload-examples"})
final class BenchWebhookCommand implements Callable<Integer> {
    @ParentCommand BenchCommand bench;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/data/github-webhooks/payload-examples",
            description = "GitHub's example deliveries, EVENT/*.json (octokit/webhooks' payload-examples; default "
                    + "${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "20", description = "Posts of each example "
            + "(default 20).")
    int repeat;

    @Option(names = "--json", description = "Print {examples, repeat, repos, deliveries, stored, storedLater, "
            + "duplicates, ignored, refused, timed, p50Ms, p99Ms, maxMs}.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Cli cli = bench.parent.cli;
        if (repeat < 1) throw new UserError("--repeat " + repeat + ": give 1 or more");
        try (WorkDir work = WorkDir.create("kairos-webhook")) {
            WebhookReport r = new WebhookBench(work.path(), (dir, repos, secret, nanos) -> receiver(cli, dir, repos,
                    secret, nanos)).run(data, repeat);
            cli.out().println(json ? r.toJson().toPrettyString() : r.toTable());
            return 0;
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** A workspace made by `kairos init`, wired by {@link Kairos}, behind the same route `kairos up` serves. */
    private static WebhookBench.Receiver receiver(Cli cli, Path dir, List<String> repos, String secret,
            LongConsumer nanos) {
        new Workspace(dir).init();
        Map<String, String> env = Map.of("KAIROS_HOME", dir.toString(), "GITHUB_WEBHOOK_SECRET", secret,
                "KAIROS_TIMEZONE", "UTC");
        Kairos k = Kairos.open(ConfigReader.read(dir, env), env, cli.clock());
        repos.forEach(repo -> k.subscriptions().subscribe(repo, Optional.empty(), cli.clock().instant()));
        WebServer web = WebServer.start(0, new WebServer.Parts(k::status, Map::of,
                new WebServer.Chat(Optional::empty, k.store().jdbi(), k.ledger(), Optional.empty()), Optional.empty())
                .withGitHub(new GitHubHook(k.githubWebhooks(), () -> {}, nanos)));
        return new WebhookBench.Receiver() {
            @Override
            public int port() {
                return web.port();
            }

            @Override
            public void close() {
                web.close();
                k.close();
            }
        };
    }
}

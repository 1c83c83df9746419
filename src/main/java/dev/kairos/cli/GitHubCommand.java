package dev.kairos.cli;

import dev.kairos.Kairos;
import dev.kairos.config.GitHubSettings;
import dev.kairos.github.Subscriptions;
import dev.kairos.json.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "github", description = {"Follow GitHub repositories: their pushes, pull requests, reviews, comments, "
        + "issues, check runs and statuses become events.",
        "Events arrive by webhook (POST /hooks/github, verified with GITHUB_WEBHOOK_SECRET) for the repositories "
        + "followed here or under github.repos in kairos.yaml (deliveries for any other repository are ignored), "
        + "or by polling every github.poll (default 5m; GITHUB_TOKEN for private repositories).",
        "A failed check on a watched branch becomes a fix Kairos verifies before it pushes kairos/fix-... and opens "
        + "a draft pull request.",
        "Comments, bodies and commit messages are untrusted unless written by a login under github.owners."},
        subcommands = {GitHubCommand.Subscribe.class, GitHubCommand.Unsubscribe.class, GitHubCommand.ListRepos.class})
final class GitHubCommand implements Runnable {
    @ParentCommand KairosCommand parent;
    @Spec CommandSpec spec;

    /** `kairos github` alone: what it can do. */
    @Override
    public void run() {
        spec.commandLine().usage(parent.cli.out());
    }

    @Command(name = "subscribe", description = {"Follow OWNER/REPO (idempotent; a running agent follows it at its "
            + "next delivery).", "Example: ./kairos github subscribe octocat/hello-world --path ~/code/hello-world"})
    static final class Subscribe implements Callable<Integer> {
        @ParentCommand GitHubCommand github;

        @Parameters(paramLabel = "OWNER/REPO", description = "The repository, e.g. octocat/hello-world "
                + "(https://github.com/OWNER/REPO works too).")
        String repo;

        @Option(names = "--path", paramLabel = "LOCAL_CHECKOUT", description = "Where you keep a clone of it "
                + "(a git checkout); subscribing again with another --path changes it.")
        Path path;

        @Override
        public Integer call() {
            Cli cli = github.parent.cli;
            try (Kairos k = Kairos.open(cli.config(), cli.env(), cli.clock())) {
                Subscriptions.Outcome outcome;
                try {
                    outcome = k.subscriptions().subscribe(repo, Optional.ofNullable(path), cli.clock().instant());
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
                Subscriptions.Followed f = k.subscriptions().list().stream()
                        .filter(r -> r.repo().equalsIgnoreCase(GitHubSettings.repoName(repo))).findFirst().orElseThrow();
                String followed = f.repo() + f.checkout().map(p -> " (checkout " + p + ")").orElse("");
                cli.out().println(switch (outcome) {
                    case ADDED -> "Following " + followed;
                    case CHECKOUT_CHANGED -> "Following " + followed + ", the checkout changed";
                    case ALREADY -> "Already following " + followed;
                    case IN_CONFIG -> "Already following " + f.repo() + " from kairos.yaml (github.repos); change "
                            + "it there";
                });
                if (k.config().github().webhookSecret().isEmpty()) {
                    cli.out().println("Set GITHUB_WEBHOOK_SECRET (the webhook's secret) before './kairos up', or "
                            + "every delivery is refused; see the README, \"Connect a GitHub repository by webhook\".");
                }
                return 0;
            }
        }
    }

    @Command(name = "unsubscribe", description = "Stop following OWNER/REPO (one followed from kairos.yaml is "
            + "removed there).")
    static final class Unsubscribe implements Callable<Integer> {
        @ParentCommand GitHubCommand github;

        @Parameters(paramLabel = "OWNER/REPO") String repo;

        @Override
        public Integer call() {
            Cli cli = github.parent.cli;
            try (Kairos k = Kairos.open(cli.config(), cli.env(), cli.clock())) {
                boolean removed;
                try {
                    removed = k.subscriptions().unsubscribe(repo);
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
                String name = GitHubSettings.repoName(repo);
                if (!removed) {
                    throw new UserError(name + " is not subscribed; './kairos github list' shows what is followed");
                }
                cli.out().println("No longer following " + name);
                return 0;
            }
        }
    }

    @Command(name = "list", description = "The followed repositories: kairos.yaml's, then the subscribed ones.")
    static final class ListRepos implements Callable<Integer> {
        @ParentCommand GitHubCommand github;

        @Option(names = "--json", description = "Print {repos: [{repo, checkout, from}]}; from is \"kairos.yaml\" "
                + "or \"subscribed\", checkout a path or null.")
        boolean json;

        @Override
        public Integer call() {
            Cli cli = github.parent.cli;
            try (Kairos k = Kairos.open(cli.config(), cli.env(), cli.clock())) {
                List<Subscriptions.Followed> all = k.subscriptions().list();
                if (json) {
                    List<Map<String, Object>> repos = all.stream().map(f -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("repo", f.repo());
                        m.put("checkout", f.checkout().map(Path::toString).orElse(null));
                        m.put("from", from(f));
                        return m;
                    }).toList();
                    cli.out().println(Json.write(Map.of("repos", repos)));
                } else if (all.isEmpty()) {
                    cli.out().println("No GitHub repository followed; './kairos github subscribe OWNER/REPO' "
                            + "follows one.");
                } else {
                    all.forEach(f -> cli.out().println(f.repo() + "  (" + from(f) + ")"
                            + f.checkout().map(p -> "  " + p).orElse("")));
                }
                return 0;
            }
        }

        private static String from(Subscriptions.Followed f) {
            return f.from() == Subscriptions.From.CONFIG ? "kairos.yaml" : f.from().name().toLowerCase(Locale.ROOT);
        }
    }
}

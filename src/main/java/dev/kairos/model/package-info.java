/**
 * Model clients behind one provider-neutral interface: {@link dev.kairos.model.ModelClient} takes a
 * {@link dev.kairos.model.ModelRequest} (system blocks and tool schemas first, so prompt caches hit) and returns a
 * {@link dev.kairos.model.ModelResponse} with the {@link dev.kairos.model.Usage} the ledger records.
 * {@link dev.kairos.model.ModelClients} builds one for a {@code provider/model} from the environment; every failure
 * is a {@link dev.kairos.model.ModelException} with one line for the user. {@link dev.kairos.model.Tokens} counts
 * tokens and {@link dev.kairos.model.Prices} turns usage into dollars.
 *
 * <p>This package knows no other Kairos feature.
 */
package dev.kairos.model;

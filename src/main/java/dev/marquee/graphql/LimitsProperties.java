package dev.marquee.graphql;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Guard rails of the public endpoint: what one request may ask for (checked before execution) and
 * what it may take (enforced while it runs).
 *
 * @param maxDepth deepest field nesting allowed
 * @param maxCost largest cost: every field counts 1, lists multiply their children by their size (the
 *     page size {@code first}, or the bound declared with {@code @listSize})
 * @param maxAliases most aliases in one document
 * @param maxDocumentBytes largest document (query text) in bytes
 * @param maxRequestBytes largest {@code POST /graphql} body (query, variables and all); larger is 413
 * @param maxStringLength longest string argument or input field, in characters, where the schema declares
 *     no {@code @maxLength} of its own
 * @param maxListItems most items in a list argument or input field, where the schema declares no
 *     {@code @maxItems} of its own
 * @param timeout longest a request may execute; after it no further field is fetched and the answer is an
 *     error
 * @param maxResponseBytes largest answer, counted while it is built; a larger one is stopped and replaced by
 *     an error
 * @param introspection whether {@code __schema} and {@code __type} answer (GraphiQL, code generators and
 *     schema tools need them) and {@code GET /graphql/schema} prints the schema; off, both are refused
 */
@ConfigurationProperties("marquee.graphql")
public record LimitsProperties(@DefaultValue("12") int maxDepth, @DefaultValue("100000") int maxCost,
		@DefaultValue("30") int maxAliases, @DefaultValue("102400") int maxDocumentBytes,
		@DefaultValue("1MB") DataSize maxRequestBytes, @DefaultValue("1000") int maxStringLength,
		@DefaultValue("100") int maxListItems, @DefaultValue("10s") Duration timeout,
		@DefaultValue("5MB") DataSize maxResponseBytes, @DefaultValue("true") boolean introspection) {
}

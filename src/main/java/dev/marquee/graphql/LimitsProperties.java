package dev.marquee.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Guard rails of the public endpoint, checked before execution.
 *
 * @param maxDepth deepest field nesting allowed
 * @param maxCost largest cost: every field counts 1, multiplied by the page sizes ({@code first})
 *     requested above it
 * @param maxAliases most aliases in one document
 * @param maxDocumentBytes largest document (query text) in bytes
 */
@ConfigurationProperties("marquee.graphql")
public record LimitsProperties(@DefaultValue("12") int maxDepth, @DefaultValue("100000") int maxCost,
		@DefaultValue("30") int maxAliases, @DefaultValue("102400") int maxDocumentBytes) {
}

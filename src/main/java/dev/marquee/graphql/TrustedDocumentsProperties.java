package dev.marquee.graphql;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Trusted documents ({@link TrustedDocuments}).
 *
 * @param persistedOnly when true, anonymous callers (and signed-in callers who organize nothing) may run only
 *     the documents of the manifest, by hash or by a body equal to one; organizers and admins stay free-form
 * @param persistedManifest an Apollo persisted-query manifest ({@code apollo-persisted-query-manifest}, version
 *     1); its documents are known by hash on every node whether or not {@code persistedOnly} is set. Required
 *     when {@code persistedOnly} is
 */
@ConfigurationProperties("marquee.graphql")
public record TrustedDocumentsProperties(boolean persistedOnly, Path persistedManifest) {
}

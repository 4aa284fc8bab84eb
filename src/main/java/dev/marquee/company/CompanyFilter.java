package dev.marquee.company;

import java.util.List;

/** The {@code CompanyFilter} input; every field optional, all given ones must hold. */
public record CompanyFilter(List<CompanyKind> kind, String groupSlug, String nameContains) {
}

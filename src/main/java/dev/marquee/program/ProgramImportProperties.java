package dev.marquee.program;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The program import ({@code POST /api/events/{slug}/program}).
 *
 * @param maxBytes largest JSON body accepted (413 above, refused before it is read when the
 *     {@code Content-Length} says so)
 */
@ConfigurationProperties("marquee.program-import")
public record ProgramImportProperties(@DefaultValue("20MB") DataSize maxBytes) {
}

package dev.marquee.search;

import java.util.List;

import dev.marquee.security.Viewer;
import dev.marquee.storage.SearchText;

/**
 * Finds documents by text. The portable engine works on every backend; an engine using a real
 * MongoDB's own text or Atlas Search indexes can replace it behind this interface.
 */
public interface SearchEngine {

	/**
	 * Best matches first for an already normalised query (see {@link SearchText#normalize}).
	 * @param query normalised, non-empty text
	 * @param first how many results at most
	 * @param viewer who asks: drafts are found only by their organizers
	 */
	List<Object> search(String query, int first, Viewer viewer);

}

package io.github.webuimigrations.revisioned.op;

import java.util.List;

/**
 * Evidence in words, for findings: how many rows, and a few of their ids.
 *
 * @author webui-migrations
 */
public final class Evidence {

	private static final int SHOWN = 3;

	private Evidence() {
	}

	/**
	 * Rows counted, a few named.
	 * @param ids the rows' ids
	 * @param noun what a row is, singular
	 * @return e.g. {@code 2 documents (d1, d2)} or {@code 7 chats (a, b, c, …)}
	 */
	public static String some(List<String> ids, String noun) {
		String plural = (ids.size() == 1) ? noun
				: noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
		return ids.size() + " " + plural + " (" + String.join(", ", ids.subList(0, Math.min(SHOWN, ids.size())))
				+ ((ids.size() > SHOWN) ? ", …" : "") + ")";
	}

}

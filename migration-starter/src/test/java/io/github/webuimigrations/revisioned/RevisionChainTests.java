package io.github.webuimigrations.revisioned;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain is declared once ({@link Revisions#CHAIN}): every revision class is in it, and the
 * Liquibase changelog built from it records each revision exactly as the YAML changelogs this
 * starter shipped in 0.1.0 did, so databases it migrated then are up to date, not changed.
 */
class RevisionChainTests {

	@Test
	void everyRevisionClassIsInTheChainOnce() throws IOException {
		List<String> declared = Revisions.CHAIN.stream().map((revision) -> revision.getClass().getSimpleName()).toList();
		List<String> classes = new ArrayList<>();
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:io/github/webuimigrations/revisioned/revisions/R*.class")) {
			String name = resource.getFilename().replace(".class", "");
			if (!name.contains("$")) {
				classes.add(name);
			}
		}
		assertThat(classes).isNotEmpty();
		for (String revision : classes) {
			assertThat(declared).as("%s is a revision class but not in Revisions.CHAIN: add it there, in chain order",
					revision)
				.contains(revision);
		}
		assertThat(declared).as("a revision listed twice in Revisions.CHAIN").doesNotHaveDuplicates();
		assertThat(Revisions.CHAIN.stream().map(Revision::id).distinct().count()).isEqualTo(Revisions.CHAIN.size());
	}

	@Test
	void theChangelogRecordsEachRevisionAsTheYamlChangelogsOf010Did() throws Exception {
		List<String> expected;
		try (InputStream tsv = getClass().getResourceAsStream("/expected/revision-changesets.tsv")) {
			expected = new String(tsv.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		}
		List<String> actual = new ArrayList<>();
		Scope.child(Map.of("liquibase.analytics.enabled", false), () -> {
			for (ChangeSet changeSet : RevisionChangelog.of(Revisions.CHAIN, RevisionExecution.reading(500))
				.getChangeSets()) {
				assertThat(changeSet.getAuthor()).isEqualTo("open-webui");
				actual.add(String.join("\t", changeSet.getId(), changeSet.getFilePath(),
						changeSet.generateCheckSum(ChecksumVersion.V9).toString(), changeSet.getComments()));
			}
		});
		// a revision added upstream adds lines at the end; none of these may change
		assertThat(actual.subList(0, expected.size()))
			.as("the changeSets of revisions 0.1.0 shipped: their id, file, checksum and comment are what Liquibase's "
					+ "history of every database migrated since holds")
			.containsExactlyElementsOf(expected);
		assertThat(actual.stream().map((line) -> line.split("\t")[0]).collect(Collectors.toList()))
			.containsExactlyElementsOf(Revisions.CHAIN.stream().map(Revision::id).toList());
	}

}

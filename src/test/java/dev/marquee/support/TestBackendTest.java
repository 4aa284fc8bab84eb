package dev.marquee.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The run's own database on a shared MongoDB: only the path changes, hosts and options stay. */
class TestBackendTest {

	@Test
	void databaseIsAddedToAUriWithoutOne() {
		assertThat(TestBackend.withDatabase("mongodb://localhost:27017", "it_1")).isEqualTo("mongodb://localhost:27017/it_1");
	}

	@Test
	void databaseReplacesTheUrisOwnAndOptionsAreKept() {
		assertThat(TestBackend.withDatabase("mongodb://h1:1,h2:2/prod?replicaSet=rs0&w=majority", "it_1"))
			.isEqualTo("mongodb://h1:1,h2:2/it_1?replicaSet=rs0&w=majority");
	}

	@Test
	void credentialsKeepAuthenticatingWhereTheyDid() {
		assertThat(TestBackend.withDatabase("mongodb://u:p@h:1/prod", "it_1")).isEqualTo("mongodb://u:p@h:1/it_1?authSource=prod");
		assertThat(TestBackend.withDatabase("mongodb://u:p@h:1/?authSource=admin", "it_1"))
			.isEqualTo("mongodb://u:p@h:1/it_1?authSource=admin");
		assertThat(TestBackend.withDatabase("mongodb://u:p@h:1", "it_1")).isEqualTo("mongodb://u:p@h:1/it_1?authSource=admin");
	}

}

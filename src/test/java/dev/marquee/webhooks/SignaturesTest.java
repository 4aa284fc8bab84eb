package dev.marquee.webhooks;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignaturesTest {

	/** The example of the Standard Webhooks reference libraries (libraries/java/…/WebhookTest.java, verifyWebhookSignWorks). */
	@Test
	void signsTheStandardWebhooksExampleAsTheSpecDoes() {
		assertThat(Signatures.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
				1614265330, "{\"test\": 2432232314}"))
			.isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void aNewSecretIsWhsecAndThirtyTwoRandomBytes() {
		String secret = Signatures.newSecret();
		assertThat(secret).startsWith("whsec_");
		assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
		assertThat(Signatures.newSecret()).isNotEqualTo(secret);
	}

}

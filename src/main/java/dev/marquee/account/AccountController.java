package dev.marquee.account;

import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class AccountController {

	/**
	 * The signed-in account. The hub has no sign-in yet (accounts and tokens arrive with the organizer
	 * side), so every caller is anonymous and the answer is null.
	 */
	@QueryMapping
	Object me() {
		return null;
	}

}

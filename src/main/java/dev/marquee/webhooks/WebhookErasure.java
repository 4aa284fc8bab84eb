package dev.marquee.webhooks;

import dev.marquee.attendance.PersonCopies;
import dev.marquee.program.Person;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@code erasePerson} reaching webhook deliveries: every stored body that names the person (its
 * {@code personId}), pending or finished, is rewritten without the name and email
 * ({@link WebhookMessages#erased}). A pending delivery then sends the erased body at its next attempt (the
 * sender reads the body when it takes the lease); an attempt already under way when the erasure runs has
 * its bytes in flight. Deliveries created while the erasure runs check the person after their insert
 * ({@link WebhookDeliveries}), so none keeps the data. Idempotent: an erased body is left as it is.
 */
@Component
class WebhookErasure implements PersonCopies {

	private final MongoTemplate mongo;

	WebhookErasure(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void erasePersonCopies(ObjectId personId) {
		Query naming = Query.query(Criteria.where("personId").is(personId));
		naming.fields().include("_id", "body");
		for (org.bson.Document delivery : this.mongo.find(naming, org.bson.Document.class, WebhookDelivery.COLLECTION)) {
			String body = delivery.getString("body");
			String erased = WebhookMessages.erased(body);
			if (!erased.equals(body)) {
				this.mongo.updateFirst(Query.query(Criteria.where("_id").is(delivery.getObjectId("_id"))),
						new Update().set("body", erased), WebhookDelivery.class);
			}
		}
	}

	/** After deliveries naming the person were created: erases them too if the person was erased meanwhile. */
	void afterCreating(ObjectId personId) {
		Person person = this.mongo.findById(personId, Person.class);
		if (person != null && person.erasedAt() != null) {
			erasePersonCopies(personId);
		}
	}

}

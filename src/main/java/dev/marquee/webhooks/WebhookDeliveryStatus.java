package dev.marquee.webhooks;

/** PENDING until an attempt gets a 2xx (DELIVERED) or the retry schedule is used up (FAILED). */
public enum WebhookDeliveryStatus {

	PENDING, DELIVERED, FAILED

}

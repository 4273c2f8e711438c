package app.sabai.notification.booking;

import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingOffered;
import app.sabai.contracts.bookings.CourseDecided;
import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.notifications.MessageKind;
import app.sabai.contracts.notifications.ReminderCancelled;
import app.sabai.contracts.notifications.ReminderScheduled;
import app.sabai.contracts.values.Customer;
import app.sabai.contracts.values.RejectionReason;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static app.sabai.notification.testing.TestBookings.BANGKOK;
import static app.sabai.notification.testing.TestBookings.LONDON;
import static app.sabai.notification.testing.TestBookings.accepted;
import static app.sabai.notification.testing.TestBookings.alternative;
import static app.sabai.notification.testing.TestBookings.baht;
import static app.sabai.notification.testing.TestBookings.bookedSession;
import static app.sabai.notification.testing.TestBookings.cancelled;
import static app.sabai.notification.testing.TestBookings.cancelledLate;
import static app.sabai.notification.testing.TestBookings.confirmed;
import static app.sabai.notification.testing.TestBookings.courseDecided;
import static app.sabai.notification.testing.TestBookings.emailCustomer;
import static app.sabai.notification.testing.TestBookings.noShow;
import static app.sabai.notification.testing.TestBookings.offerExpired;
import static app.sabai.notification.testing.TestBookings.offered;
import static app.sabai.notification.testing.TestBookings.pounds;
import static app.sabai.notification.testing.TestBookings.rescheduledLate;
import static app.sabai.notification.testing.TestBookings.smsOptedCustomer;
import static app.sabai.notification.testing.TestBookings.unbookedSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What the platform tells a customer after the booking: by which channels and when, fees, offers, courses, downtime. */
class AfterTheBookingTest {

    private static final String BOOKING = "b-1";
    private static final String EMAIL = "ada@example.com";
    private static final String PHONE = "+447700900123";
    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final ReminderPlanner PLANNER = ReminderPlanner.of("P1D", "PT2H");
    private static final DeliveryPolicy POLICY = new DeliveryPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(5));

    private final BookingConfirmed confirmation = confirmed(BOOKING, START, emailCustomer(EMAIL));

    private BookingNotifications confirmedBooking() {
        return BookingNotifications.empty(BOOKING).confirmed(confirmation, NOW, PLANNER).state();
    }

    @Nested
    class ByEmailAndSms {

        @Test
        void aCustomerWhoChoseSmsGetsEveryNoticeAndReminderByEmailAndBySms() {
            Change change = BookingNotifications.empty(BOOKING)
                    .confirmed(confirmed(BOOKING, START, smsOptedCustomer(EMAIL, PHONE)), NOW, PLANNER);

            assertThat(change.state().messages()).extracting(Message::id, Message::channel, Message::recipient, Message::dueAt)
                    .containsExactly(
                            tuple("b-1:confirmation", Channel.EMAIL, EMAIL, NOW),
                            tuple("b-1:confirmation:sms", Channel.SMS, PHONE, NOW),
                            tuple("b-1:P1D", Channel.EMAIL, EMAIL, Instant.parse("2026-11-30T10:00:00Z")),
                            tuple("b-1:P1D:sms", Channel.SMS, PHONE, Instant.parse("2026-11-30T10:00:00Z")),
                            tuple("b-1:PT2H", Channel.EMAIL, EMAIL, Instant.parse("2026-12-01T08:00:00Z")),
                            tuple("b-1:PT2H:sms", Channel.SMS, PHONE, Instant.parse("2026-12-01T08:00:00Z")));
            assertThat(change.events()).map(ReminderScheduled.class::cast)
                    .extracting(ReminderScheduled::reminderId, ReminderScheduled::channel)
                    .containsExactly(tuple("b-1:P1D", Channel.EMAIL), tuple("b-1:P1D:sms", Channel.SMS),
                            tuple("b-1:PT2H", Channel.EMAIL), tuple("b-1:PT2H:sms", Channel.SMS));
        }

        @Test
        void aPhoneNumberAloneDoesNotMeanSmsWhenThereIsAnEmailAddress() {
            Change change = BookingNotifications.empty(BOOKING).confirmed(confirmation, NOW, PLANNER);

            assertThat(confirmation.customer().phone()).isNotBlank();
            assertThat(change.state().messages()).extracting(Message::channel).containsOnly(Channel.EMAIL);
        }

        @Test
        void inQuietHoursInBangkokTheSmsWaitsUntilEightWhileTheEmailGoesAtOnce() {
            Instant halfPastElevenAtNight = Instant.parse("2026-11-28T16:30:00Z");
            Instant session = Instant.parse("2026-11-30T03:00:00Z");

            BookingNotifications state = BookingNotifications.empty(BOOKING).confirmed(
                    confirmed(BOOKING, "bangkok-sukhumvit", BANGKOK, session, smsOptedCustomer(EMAIL, PHONE)),
                    halfPastElevenAtNight, PLANNER).state();

            assertThat(state.message("b-1:confirmation").dueAt()).isEqualTo(halfPastElevenAtNight);
            assertThat(state.message("b-1:confirmation:sms").dueAt()).as("08:00 the next morning in Bangkok")
                    .isEqualTo(Instant.parse("2026-11-29T01:00:00Z"));
            assertThat(state.nextDueAt()).isEqualTo(halfPastElevenAtNight);
        }

        @Test
        void justAfterMidnightInLondonTheSmsWaitsUntilEightThatMorning() {
            Instant halfPastMidnight = Instant.parse("2026-11-29T00:30:00Z");

            BookingNotifications state = BookingNotifications.empty(BOOKING)
                    .confirmed(confirmed(BOOKING, START, smsOptedCustomer(EMAIL, PHONE)), halfPastMidnight, PLANNER).state();

            assertThat(state.message("b-1:confirmation:sms").dueAt()).isEqualTo(Instant.parse("2026-11-29T08:00:00Z"));
        }

        @Test
        void anSmsReminderThatWouldFallInQuietHoursIsPlannedForEightAndAnnouncedSo() {
            Instant nineInTheMorning = Instant.parse("2026-12-01T09:00:00Z");

            Change change = BookingNotifications.empty(BOOKING)
                    .confirmed(confirmed(BOOKING, nineInTheMorning, smsOptedCustomer(EMAIL, PHONE)), NOW, PLANNER);

            assertThat(change.state().reminders()).filteredOn(reminder -> reminder.leadTime().equals("PT2H"))
                    .extracting(Reminder::channel, Reminder::plannedFor, Reminder::dueAt)
                    .containsExactly(tuple(Channel.EMAIL, Instant.parse("2026-12-01T07:00:00Z"), Instant.parse("2026-12-01T07:00:00Z")),
                            tuple(Channel.SMS, Instant.parse("2026-12-01T07:00:00Z"), Instant.parse("2026-12-01T08:00:00Z")));
            assertThat(change.events()).map(ReminderScheduled.class::cast)
                    .filteredOn(scheduled -> scheduled.reminderId().equals("b-1:PT2H:sms"))
                    .extracting(ReminderScheduled::dueAt).containsExactly(Instant.parse("2026-12-01T08:00:00Z"));
        }

        @Test
        void anSmsReminderForASessionBeforeEightIsSkippedWithTheReasonAndNeverPlannedAgain() {
            Instant halfPastSevenInBangkok = Instant.parse("2026-12-01T00:30:00Z");
            BookingConfirmed early = confirmed(BOOKING, "bangkok-sukhumvit", BANGKOK, halfPastSevenInBangkok, smsOptedCustomer(EMAIL, PHONE));

            Change change = BookingNotifications.empty(BOOKING).confirmed(early, NOW, PLANNER);

            Message skipped = change.state().message("b-1:PT2H:sms");
            assertThat(skipped.status()).isEqualTo(MessageStatus.SKIPPED);
            assertThat(skipped.error()).isEqualTo("quiet hours (21:00–08:00 Asia/Bangkok), and the session starts before they end");
            assertThat(change.state().message("b-1:PT2H").status()).as("the email reminder goes").isEqualTo(MessageStatus.PENDING);
            assertThat(change.events()).map(ReminderScheduled.class::cast).extracting(ReminderScheduled::reminderId)
                    .doesNotContain("b-1:PT2H:sms");

            Change again = change.state().confirmed(early, NOW.plusSeconds(60), PLANNER);
            assertThat(again.state().reminders()).hasSameSizeAs(change.state().reminders());
            assertThat(again.events()).isEmpty();
        }

        @Test
        void anSmsCancellationForASessionBeforeEightIsSentAtOnceEvenAtNight() {
            Instant elevenAtNight = Instant.parse("2026-11-30T16:00:00Z");
            BookingConfirmed early = confirmed(BOOKING, "bangkok-sukhumvit", BANGKOK, Instant.parse("2026-12-01T00:00:00Z"),
                    smsOptedCustomer(EMAIL, PHONE));
            BookingNotifications booked = BookingNotifications.empty(BOOKING).confirmed(early, NOW, PLANNER).state();

            BookingNotifications state = booked.cancelled(cancelled(early), elevenAtNight).state();

            assertThat(state.message("b-1:cancellation:sms")).extracting(Message::status, Message::dueAt)
                    .containsExactly(MessageStatus.PENDING, elevenAtNight);
        }

        @Test
        void anSmsThatSlipsIntoQuietHoursBeforeItIsSentIsDeferredThenAndItsReminderMoveAnnounced() {
            BookingNotifications state = BookingNotifications.empty(BOOKING)
                    .confirmed(confirmed(BOOKING, START, smsOptedCustomer(EMAIL, PHONE)), NOW, PLANNER).state();
            Instant tenPastNine = Instant.parse("2026-11-30T21:10:00Z");

            Dispatch late = state.take("b-1:P1D:sms", tenPastNine, POLICY);

            assertThat(late).isInstanceOf(Dispatch.Withhold.class);
            assertThat(late.change().state().message("b-1:P1D:sms")).extracting(Message::status, Message::dueAt)
                    .containsExactly(MessageStatus.PENDING, Instant.parse("2026-12-01T08:00:00Z"));
            assertThat(late.change().events()).singleElement().isInstanceOfSatisfying(ReminderScheduled.class, moved -> {
                assertThat(moved.reminderId()).isEqualTo("b-1:P1D:sms");
                assertThat(moved.dueAt()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
            });
            assertThat(state.take("b-1:P1D", tenPastNine, POLICY)).as("email is never held back").isInstanceOf(Dispatch.Send.class);
        }
    }

    @Nested
    class Fees {

        @Test
        void aLateCancellationTellsTheFee() {
            Change change = confirmedBooking().cancelled(cancelledLate(confirmation, pounds(1250)), NOW);

            Message notice = change.state().message("b-1:cancellation");
            assertThat(notice.kind()).isEqualTo(MessageKind.CANCELLATION);
            assertThat(notice.facts().fee()).isEqualTo(pounds(1250));
        }

        @Test
        void aCancellationOfABookingNeverConfirmedHereStillTellsTheCustomerWhenTheEventSaysWhoTheyAre() {
            Change change = BookingNotifications.empty(BOOKING).cancelled(cancelledLate(confirmation, baht(45000)), NOW);

            assertThat(change.changed()).isTrue();
            assertThat(change.state().details()).extracting(BookingDetails::branchId, BookingDetails::zone, BookingDetails::technique,
                    BookingDetails::start, BookingDetails::durationMinutes).containsExactly("liverpool", LONDON, confirmation.technique(),
                    START, 60);
            assertThat(change.state().messages()).singleElement().satisfies(message -> {
                assertThat(message.notice()).isEqualTo(Notice.CANCELLATION);
                assertThat(message.recipient()).isEqualTo(EMAIL);
                assertThat(message.facts().fee()).isEqualTo(baht(45000));
            });
        }

        @Test
        void aLateMoveTellsTheFeeWithTheOldAndNewTime() {
            Instant newStart = START.plus(Duration.ofDays(1));

            Change change = confirmedBooking().rescheduled(rescheduledLate(confirmation, newStart, pounds(1250)), NOW, PLANNER);

            Message notice = change.state().messages().getLast();
            assertThat(notice.notice()).isEqualTo(Notice.RESCHEDULED);
            assertThat(notice.facts().fee()).isEqualTo(pounds(1250));
            assertThat(notice.facts().previousStart()).isEqualTo(START);
        }

        @Test
        void aNoShowIsToldOnlyWhenItCostsSomething() {
            BookingNotifications booked = confirmedBooking();
            Instant later = START.plus(Duration.ofHours(2));

            assertThat(booked.noShow(noShow(confirmation, null), later).changed()).isFalse();
            assertThat(booked.noShow(noShow(confirmation, pounds(0)), later).changed()).isFalse();
            Message notice = booked.noShow(noShow(confirmation, pounds(4500)), later).state().messages().getLast();
            assertThat(notice.notice()).isEqualTo(Notice.NO_SHOW);
            assertThat(notice.facts().fee()).isEqualTo(pounds(4500));
        }
    }

    @Nested
    class WaitlistOffers {

        private final Instant expiresAt = NOW.plus(Duration.ofHours(2));
        private final BookingOffered offer = offered(BOOKING, "liverpool", LONDON, START, expiresAt, emailCustomer(EMAIL));

        @Test
        void anOfferTellsTheSlotTheTherapistAndUntilWhenItIsHeld() {
            Change change = BookingNotifications.empty(BOOKING).offered(offer, NOW);

            assertThat(change.state().offer()).isEqualTo(new Offer("waitlist-b-1", expiresAt, Offer.Status.OPEN));
            assertThat(change.state().messages()).singleElement().satisfies(message -> {
                assertThat(message.id()).isEqualTo("b-1:offer");
                assertThat(message.kind()).isEqualTo(MessageKind.OFFER);
                assertThat(message.facts().offerExpiresAt()).isEqualTo(expiresAt);
                assertThat(message.dueAt()).isEqualTo(NOW);
            });
            assertThat(change.state().details()).extracting(BookingDetails::start, BookingDetails::therapistName, BookingDetails::zone)
                    .containsExactly(START, "Somchai", LONDON);
            assertThat(change.state().reminders()).as("reminders come with the confirmation").isEmpty();
        }

        @Test
        void anAcceptedOfferGetsNoFurtherOfferMessage() {
            BookingOffered atNight = offered(BOOKING, "liverpool", LONDON, START, Instant.parse("2026-11-29T12:00:00Z"),
                    smsOptedCustomer(EMAIL, PHONE));
            Instant elevenPm = Instant.parse("2026-11-28T23:00:00Z");
            BookingNotifications offered = BookingNotifications.empty(BOOKING).offered(atNight, elevenPm).state();
            assertThat(offered.message("b-1:offer:sms").dueAt()).as("waits for the morning")
                    .isEqualTo(Instant.parse("2026-11-29T08:00:00Z"));

            Change taken = offered.confirmed(accepted(atNight), elevenPm.plus(Duration.ofMinutes(20)), PLANNER);

            assertThat(taken.state().offer().status()).isEqualTo(Offer.Status.ACCEPTED);
            assertThat(taken.state().message("b-1:offer:sms")).extracting(Message::status, Message::error)
                    .containsExactly(MessageStatus.CANCELLED, "offer accepted");
            assertThat(taken.state().messages()).extracting(Message::id).contains("b-1:confirmation", "b-1:P1D");
            assertThat(taken.state().offered(atNight, elevenPm.plus(Duration.ofMinutes(30))).changed())
                    .as("an offer heard of again after it was taken").isFalse();
        }

        @Test
        void anOfferThatExpiresEndsWithoutAnotherMessage() {
            BookingNotifications offered = BookingNotifications.empty(BOOKING).offered(offer, NOW).state();

            Change expired = offered.cancelled(offerExpired(offer), expiresAt);

            assertThat(expired.state().offer().status()).isEqualTo(Offer.Status.ENDED);
            assertThat(expired.state().messages()).extracting(Message::notice).containsOnly(Notice.OFFER);
            assertThat(expired.state().message("b-1:offer").status()).as("pending until now").isEqualTo(MessageStatus.CANCELLED);
            assertThat(expired.state().message("b-1:offer").error()).isEqualTo("offer ended: offer expired");
            assertThat(expired.state().offered(offered(BOOKING, "liverpool", LONDON, START, expiresAt.plusSeconds(3600),
                    emailCustomer(EMAIL)), expiresAt.plusSeconds(1)).changed()).isFalse();
        }

        @Test
        void anOfferStillUnsentWhenItEndsIsMissed() {
            BookingNotifications offered = BookingNotifications.empty(BOOKING).offered(offer, NOW).state();

            Dispatch late = offered.take("b-1:offer", expiresAt, POLICY);

            assertThat(late).isInstanceOf(Dispatch.Withhold.class);
            assertThat(late.change().state().message("b-1:offer")).extracting(Message::status, Message::error)
                    .containsExactly(MessageStatus.MISSED, "missed: the offer had ended when it could be sent");
        }

        @Test
        void anOfferHeardOfOnlyAfterItExpiredSendsNothing() {
            Change change = BookingNotifications.empty(BOOKING).offered(offer, expiresAt.plusSeconds(1));

            assertThat(change.state().messages()).isEmpty();
            assertThat(change.state().offer().status()).isEqualTo(Offer.Status.ENDED);
        }
    }

    @Test
    void aCourseSummaryListsEverySessionAndSchedulesNothing() {
        CourseDecided.Session booked = bookedSession(START, "Somchai");
        CourseDecided.Session notBooked = unbookedSession(START.plus(Duration.ofDays(3)), RejectionReason.NO_THERAPIST_AVAILABLE,
                alternative(START.plus(Duration.ofDays(3)).plus(Duration.ofHours(2)), "Malee"));

        Change change = BookingNotifications.empty("course-1")
                .courseDecided(courseDecided("course-1", "liverpool", LONDON, emailCustomer(EMAIL), notBooked, booked), NOW);

        assertThat(change.state().messages()).singleElement().satisfies(message -> {
            assertThat(message.id()).isEqualTo("course-1:course_summary");
            assertThat(message.kind()).isEqualTo(MessageKind.COURSE_SUMMARY);
            assertThat(message.facts().sessions()).containsExactly(notBooked, booked);
        });
        assertThat(change.state().details().start()).as("the first session").isEqualTo(START);
        assertThat(change.state().reminders()).isEmpty();
        assertThat(change.events()).isEmpty();
    }

    @Nested
    class AfterDowntime {

        private final Instant dueTwoHoursBefore = Instant.parse("2026-12-01T08:00:00Z");

        @Test
        void aReminderThatFellDueWhileThePlatformWasDownIsSentWhenItComesBackBeforeTheSession() {
            BookingNotifications state = confirmedBooking();
            Instant backAt = START.minus(Duration.ofMinutes(30));

            assertThat(state.nextDueMessage(backAt)).get().extracting(Message::id).isEqualTo("b-1:confirmation");
            Dispatch dispatch = state.take("b-1:PT2H", backAt, POLICY);

            assertThat(dispatch).isInstanceOf(Dispatch.Send.class);
            assertThat(dispatch.change().state().message("b-1:PT2H").dueAt()).isEqualTo(dueTwoHoursBefore);
        }

        @Test
        void aReminderThatFellDueWhileThePlatformWasDownIsMissedWithTheReasonWhenTheSessionHasStarted() {
            Instant backAt = START.plus(Duration.ofMinutes(5));

            Dispatch dispatch = confirmedBooking().take("b-1:PT2H", backAt, POLICY);

            assertThat(dispatch).isInstanceOf(Dispatch.Withhold.class);
            BookingNotifications after = dispatch.change().state();
            assertThat(after.message("b-1:PT2H")).extracting(Message::status, Message::error, Message::sentAt)
                    .containsExactly(MessageStatus.MISSED, "missed: the session had started when the reminder could be sent", null);
            assertThat(after.reminders()).filteredOn(reminder -> reminder.id().equals("b-1:PT2H"))
                    .extracting(Reminder::status).containsExactly(ReminderStatus.MISSED);
            assertThat(dispatch.change().events()).singleElement().isInstanceOfSatisfying(ReminderCancelled.class, cancelled -> {
                assertThat(cancelled.reminderId()).isEqualTo("b-1:PT2H");
                assertThat(cancelled.reason()).startsWith("missed: the session had started");
            });
        }

        @Test
        void whenBothRemindersFellDueDuringTheDowntimeOnlyTheLaterIsSent() {
            Instant backAt = START.minus(Duration.ofMinutes(30));
            BookingNotifications state = confirmedBooking();

            Dispatch first = state.take("b-1:P1D", backAt, POLICY);

            assertThat(first).isInstanceOf(Dispatch.Withhold.class);
            assertThat(first.change().state().message("b-1:P1D").error())
                    .isEqualTo("missed: a later reminder (b-1:PT2H) was due as well, and only that one is sent");
            assertThat(first.change().state().take("b-1:PT2H", backAt, POLICY)).isInstanceOf(Dispatch.Send.class);
        }
    }

    @Test
    void aCustomerWithNeitherAddressNorPhoneStillCannotBeReachedOnAnyRoute() {
        assertThat(ContactRoute.of(new Customer("Ada", null, " ", "en", true))).isEmpty();
        assertThat(ContactRoute.of(new Customer("Ada", null, PHONE, "en", false)))
                .containsExactly(new ContactRoute(Channel.SMS, PHONE));
        assertThat(ContactRoute.of(new Customer("Ada", EMAIL, " ", "en", true))).containsExactly(new ContactRoute(Channel.EMAIL, EMAIL));
    }
}

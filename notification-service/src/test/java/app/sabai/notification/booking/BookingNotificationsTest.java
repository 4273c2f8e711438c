package app.sabai.notification.booking;

import app.sabai.contracts.bookings.BookingConfirmed;
import app.sabai.contracts.bookings.BookingTherapistChanged;
import app.sabai.contracts.notifications.Channel;
import app.sabai.contracts.notifications.MessageKind;
import app.sabai.contracts.notifications.NotificationEvent;
import app.sabai.contracts.notifications.NotificationFailed;
import app.sabai.contracts.notifications.NotificationSent;
import app.sabai.contracts.notifications.ReminderCancelled;
import app.sabai.contracts.notifications.ReminderScheduled;
import app.sabai.contracts.values.Customer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static app.sabai.notification.testing.TestBookings.LONDON;
import static app.sabai.notification.testing.TestBookings.alternative;
import static app.sabai.notification.testing.TestBookings.cancelled;
import static app.sabai.notification.testing.TestBookings.confirmedCourseSession;
import static app.sabai.notification.testing.TestBookings.rejectedFor;
import static app.sabai.notification.testing.TestBookings.confirmed;
import static app.sabai.notification.testing.TestBookings.emailCustomer;
import static app.sabai.notification.testing.TestBookings.needsAttention;
import static app.sabai.notification.testing.TestBookings.rejected;
import static app.sabai.notification.testing.TestBookings.rescheduled;
import static app.sabai.notification.testing.TestBookings.smsCustomer;
import static app.sabai.notification.testing.TestBookings.therapistChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class BookingNotificationsTest {

    private static final String BOOKING = "b-1";
    private static final String EMAIL = "ada@example.com";
    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final ReminderPlanner PLANNER = ReminderPlanner.of("P1D", "PT2H");
    private static final DeliveryPolicy POLICY = new DeliveryPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(5));

    private final BookingConfirmed confirmation = confirmed(BOOKING, START, emailCustomer(EMAIL));

    private BookingNotifications confirmedBooking() {
        return BookingNotifications.empty(BOOKING).confirmed(confirmation, NOW, PLANNER).state();
    }

    @Nested
    class WhenABookingIsConfirmed {

        @Test
        void aConfirmationIsDueAtOnceAndRemindersAreScheduledBeforeTheSession() {
            Change change = BookingNotifications.empty(BOOKING).confirmed(confirmation, NOW, PLANNER);

            BookingNotifications state = change.state();
            assertThat(state.messages()).extracting(Message::id, Message::kind, Message::channel, Message::recipient,
                    Message::status, Message::dueAt).containsExactly(
                    tuple("b-1:confirmation", MessageKind.CONFIRMATION, Channel.EMAIL, EMAIL, MessageStatus.PENDING, NOW),
                    tuple("b-1:P1D", MessageKind.REMINDER, Channel.EMAIL, EMAIL, MessageStatus.PENDING, Instant.parse("2026-11-30T10:00:00Z")),
                    tuple("b-1:PT2H", MessageKind.REMINDER, Channel.EMAIL, EMAIL, MessageStatus.PENDING, Instant.parse("2026-12-01T08:00:00Z")));
            assertThat(state.reminders()).extracting(Reminder::id, Reminder::leadTime, Reminder::dueAt, Reminder::status).containsExactly(
                    tuple("b-1:P1D", "P1D", Instant.parse("2026-11-30T10:00:00Z"), ReminderStatus.SCHEDULED),
                    tuple("b-1:PT2H", "PT2H", Instant.parse("2026-12-01T08:00:00Z"), ReminderStatus.SCHEDULED));
            assertThat(change.events()).allSatisfy(event -> assertThat(event).isInstanceOf(ReminderScheduled.class))
                    .map(ReminderScheduled.class::cast)
                    .extracting(ReminderScheduled::reminderId, ReminderScheduled::leadTime, ReminderScheduled::channel,
                            ReminderScheduled::dueAt, ReminderScheduled::branchId, ReminderScheduled::key)
                    .containsExactly(
                            tuple("b-1:P1D", "P1D", Channel.EMAIL, Instant.parse("2026-11-30T10:00:00Z"), "liverpool", BOOKING),
                            tuple("b-1:PT2H", "PT2H", Channel.EMAIL, Instant.parse("2026-12-01T08:00:00Z"), "liverpool", BOOKING));
            assertThat(state.nextDueAt()).isEqualTo(NOW);
            assertThat(state.details().zone()).isEqualTo(LONDON);
            assertThat(state.details().therapistName()).isEqualTo("Somchai");
        }

        @Test
        void aCourseSessionGetsItsRemindersButNoConfirmationOfItsOwnAndNeitherARejectedOneNorAFailedOfferHold() {
            Change session = BookingNotifications.empty(BOOKING).confirmed(confirmedCourseSession(BOOKING, START, emailCustomer(EMAIL),
                    "course-1"), NOW, PLANNER);

            assertThat(session.state().messages()).extracting(Message::kind).containsOnly(MessageKind.REMINDER).hasSize(2);
            assertThat(BookingNotifications.empty("b-2").rejected(rejectedFor("b-2", START, emailCustomer(EMAIL), "course-1", null), NOW)
                    .state().messages()).isEmpty();
            assertThat(BookingNotifications.empty("b-3").rejected(rejectedFor("b-3", START, emailCustomer(EMAIL), null, "wait-1"), NOW)
                    .state().messages()).isEmpty();
            assertThat(BookingNotifications.empty("b-4").rejected(rejectedFor("b-4", START, emailCustomer(EMAIL), null, null), NOW)
                    .state().messages()).extracting(Message::kind).containsExactly(MessageKind.REJECTION);
        }

        @Test
        void aReminderWhoseTimeHasPassedIsNotScheduled() {
            BookingConfirmed soon = confirmed(BOOKING, NOW.plus(Duration.ofMinutes(130)), emailCustomer(EMAIL));

            Change change = BookingNotifications.empty(BOOKING).confirmed(soon, NOW, PLANNER);

            assertThat(change.state().reminders()).extracting(Reminder::leadTime).containsExactly("PT2H");
            assertThat(change.events()).hasSize(1);
        }

        @Test
        void aCustomerWithoutEmailIsWrittenToBySms() {
            BookingConfirmed bySms = confirmed(BOOKING, START, smsCustomer("+66812345678"));

            Change change = BookingNotifications.empty(BOOKING).confirmed(bySms, NOW, PLANNER);

            assertThat(change.state().messages()).extracting(Message::channel, Message::recipient)
                    .containsOnly(tuple(Channel.SMS, "+66812345678"));
            assertThat(change.events()).map(ReminderScheduled.class::cast).extracting(ReminderScheduled::channel)
                    .containsOnly(Channel.SMS);
        }

        @Test
        void aCustomerWhoCannotBeReachedGetsNoRemindersAndTheFailureIsReported() {
            BookingConfirmed unreachable = confirmed(BOOKING, START, new Customer("Ada", " ", null, "en"));

            Change change = BookingNotifications.empty(BOOKING).confirmed(unreachable, NOW, PLANNER);

            assertThat(change.state().reminders()).isEmpty();
            assertThat(change.state().messages()).singleElement().satisfies(message -> {
                assertThat(message.status()).isEqualTo(MessageStatus.FAILED);
                assertThat(message.error()).contains("no email address or phone number");
            });
            assertThat(change.events()).singleElement().isInstanceOfSatisfying(NotificationFailed.class,
                    failed -> assertThat(failed.kind()).isEqualTo(MessageKind.CONFIRMATION));
            assertThat(change.state().nextDueAt()).isNull();
        }

        @Test
        void confirmingAgainForTheSameTimeKeepsTheRemindersAndNeverPlansASentOneAgain() {
            BookingNotifications state = confirmedBooking();
            state = deliver(state, "b-1:P1D", Instant.parse("2026-11-30T10:00:00Z"));

            Change again = state.confirmed(confirmed(BOOKING, START, emailCustomer(EMAIL)), NOW, PLANNER);

            assertThat(again.events()).isEmpty();
            assertThat(again.state().reminders()).extracting(Reminder::id, Reminder::status).containsExactly(
                    tuple("b-1:P1D", ReminderStatus.SENT), tuple("b-1:PT2H", ReminderStatus.SCHEDULED));
            assertThat(again.state().messages()).extracting(Message::id).contains("b-1:confirmation#2");
        }
    }

    @Nested
    class WhenABookingIsCancelled {

        @Test
        void itsScheduledRemindersAreCancelledAndTheCustomerIsTold() {
            BookingNotifications state = deliver(confirmedBooking(), "b-1:confirmation", NOW);
            Instant later = NOW.plus(Duration.ofHours(1));

            Change change = state.cancelled(cancelled(confirmation), later);

            assertThat(change.events()).map(ReminderCancelled.class::cast)
                    .extracting(ReminderCancelled::reminderId, ReminderCancelled::reason)
                    .containsExactly(tuple("b-1:P1D", "booking cancelled"), tuple("b-1:PT2H", "booking cancelled"));
            assertThat(change.state().reminders()).extracting(Reminder::status).containsOnly(ReminderStatus.CANCELLED);
            assertThat(change.state().messages()).extracting(Message::id, Message::status).containsExactly(
                    tuple("b-1:confirmation", MessageStatus.SENT),
                    tuple("b-1:P1D", MessageStatus.CANCELLED),
                    tuple("b-1:PT2H", MessageStatus.CANCELLED),
                    tuple("b-1:cancellation", MessageStatus.PENDING));
            assertThat(change.state().nextDueAt()).isEqualTo(later);
        }

        @Test
        void aReminderAlreadySentIsNotCancelled() {
            BookingNotifications state = deliver(confirmedBooking(), "b-1:P1D", Instant.parse("2026-11-30T10:00:00Z"));

            Change change = state.cancelled(cancelled(confirmation), Instant.parse("2026-11-30T12:00:00Z"));

            assertThat(change.events()).map(ReminderCancelled.class::cast).extracting(ReminderCancelled::reminderId)
                    .containsExactly("b-1:PT2H");
            assertThat(change.state().reminders()).extracting(Reminder::status)
                    .containsExactly(ReminderStatus.SENT, ReminderStatus.CANCELLED);
        }

        @Test
        void aBookingNeverConfirmedHereChangesNothing() {
            BookingNotifications nothing = BookingNotifications.empty(BOOKING);

            Change change = nothing.cancelled(cancelled(confirmation), NOW);

            assertThat(change.changed()).isFalse();
            assertThat(change.state()).isEqualTo(nothing);
        }
    }

    @Test
    void reschedulingMovesTheRemindersAndSendsAChangeNotice() {
        Instant newStart = START.plus(Duration.ofDays(1));

        Change change = confirmedBooking().rescheduled(rescheduled(confirmation, newStart), NOW, PLANNER);

        List<NotificationEvent> events = change.events();
        assertThat(events).filteredOn(ReminderCancelled.class::isInstance).map(ReminderCancelled.class::cast)
                .extracting(ReminderCancelled::reminderId, ReminderCancelled::reason)
                .containsExactly(tuple("b-1:P1D", "booking rescheduled"), tuple("b-1:PT2H", "booking rescheduled"));
        assertThat(events).filteredOn(ReminderScheduled.class::isInstance).map(ReminderScheduled.class::cast)
                .extracting(ReminderScheduled::reminderId, ReminderScheduled::dueAt)
                .containsExactly(tuple("b-1:P1D#2", Instant.parse("2026-12-01T10:00:00Z")),
                        tuple("b-1:PT2H#2", Instant.parse("2026-12-02T08:00:00Z")));
        Message notice = change.state().messages().getLast();
        assertThat(notice.notice()).isEqualTo(Notice.RESCHEDULED);
        assertThat(notice.kind()).isEqualTo(MessageKind.CHANGE);
        assertThat(notice.facts().previousStart()).isEqualTo(START);
        assertThat(change.state().details().start()).isEqualTo(newStart);
        assertThat(change.state().details().technique()).isEqualTo(confirmation.technique());
    }

    @Test
    void aRejectionCarriesTheReasonAndTheAlternatives() {
        var alternatives = List.of(alternative(START.plus(Duration.ofHours(2)), "Malee"));

        Change change = BookingNotifications.empty(BOOKING)
                .rejected(rejected(BOOKING, "liverpool", LONDON, START, emailCustomer(EMAIL), alternatives), NOW);

        assertThat(change.state().reminders()).isEmpty();
        assertThat(change.state().messages()).singleElement().satisfies(message -> {
            assertThat(message.kind()).isEqualTo(MessageKind.REJECTION);
            assertThat(message.facts().reason()).isEqualTo("NO_EQUIPMENT_AVAILABLE");
            assertThat(message.facts().alternatives()).isEqualTo(alternatives);
            assertThat(message.dueAt()).isEqualTo(NOW);
        });
    }

    @Test
    void aBookingNeedingAttentionOffersTheAlternativesAndKeepsWhatIsKnown() {
        var alternatives = List.of(alternative(START.plus(Duration.ofHours(3)), "Malee"));

        Change change = confirmedBooking().needsAttention(needsAttention(confirmation, alternatives), NOW);

        Message notice = change.state().messages().getLast();
        assertThat(notice.notice()).isEqualTo(Notice.NEEDS_ATTENTION);
        assertThat(notice.facts().alternatives()).isEqualTo(alternatives);
        assertThat(change.state().details().start()).isEqualTo(START);
        assertThat(change.state().details().zone()).isEqualTo(LONDON);
    }

    @Nested
    class WhenTheTherapistChanges {

        private final BookingTherapistChanged toMalee = therapistChanged(confirmation, "Malee");

        @Test
        void theCustomerIsToldWhoTakesOverAndWhoItWasWhileTheRemindersStayAsPlanned() {
            BookingNotifications before = deliver(confirmedBooking(), "b-1:confirmation", NOW);
            Instant later = NOW.plus(Duration.ofHours(1));

            Change change = before.therapistChanged(toMalee, later, PLANNER);

            assertThat(change.changed()).isTrue();
            assertThat(change.events()).as("nothing to schedule, cancel or report").isEmpty();
            assertThat(change.state().reminders()).isEqualTo(before.reminders());
            assertThat(change.state().messages()).extracting(Message::id, Message::status).containsExactly(
                    tuple("b-1:confirmation", MessageStatus.SENT),
                    tuple("b-1:P1D", MessageStatus.PENDING),
                    tuple("b-1:PT2H", MessageStatus.PENDING),
                    tuple("b-1:therapist_changed", MessageStatus.PENDING));
            Message notice = change.state().message("b-1:therapist_changed");
            assertThat(notice.notice()).isEqualTo(Notice.THERAPIST_CHANGED);
            assertThat(notice.kind()).isEqualTo(MessageKind.CHANGE);
            assertThat(notice).extracting(Message::channel, Message::recipient, Message::dueAt)
                    .containsExactly(Channel.EMAIL, EMAIL, later);
            assertThat(notice.facts().previousTherapistName()).isEqualTo("Somchai");
            assertThat(notice.facts().reason()).as("the reason staff gave is not for the customer").isNull();
            assertThat(notice.facts().detail()).isNull();
            assertThat(change.state().details()).isEqualTo(new BookingDetails("liverpool", LONDON, confirmation.customer(),
                    confirmation.technique(), 60, START, confirmation.end(), "Malee"));
            assertThat(change.state().nextDueAt()).isEqualTo(later);
        }

        @Test
        void aBookingNeverHeardOfBeforeIsKnownFromTheEventAloneAndGetsItsReminders() {
            Change change = BookingNotifications.empty(BOOKING).therapistChanged(toMalee, NOW, PLANNER);

            BookingNotifications state = change.state();
            assertThat(state.details()).isEqualTo(new BookingDetails("liverpool", LONDON, confirmation.customer(),
                    confirmation.technique(), 60, START, confirmation.end(), "Malee"));
            assertThat(state.messages()).extracting(Message::id, Message::notice, Message::dueAt).containsExactly(
                    tuple("b-1:P1D", Notice.REMINDER, Instant.parse("2026-11-30T10:00:00Z")),
                    tuple("b-1:PT2H", Notice.REMINDER, Instant.parse("2026-12-01T08:00:00Z")),
                    tuple("b-1:therapist_changed", Notice.THERAPIST_CHANGED, NOW));
            assertThat(state.message("b-1:therapist_changed").facts().previousTherapistName()).isEqualTo("Somchai");
            assertThat(change.events()).map(ReminderScheduled.class::cast).extracting(ReminderScheduled::reminderId)
                    .containsExactly("b-1:P1D", "b-1:PT2H");
        }

        @Test
        void withoutThePreviousNameInTheEventTheTherapistLastHeardOfIsNamed() {
            BookingTherapistChanged anonymous = withPreviousTherapistName(toMalee, null);

            Change change = confirmedBooking().therapistChanged(anonymous, NOW, PLANNER);

            assertThat(change.state().messages().getLast().facts().previousTherapistName()).isEqualTo("Somchai");
        }

        @Test
        void withoutAnyPreviousNameOnlyTheNewTherapistIsKnown() {
            Change change = BookingNotifications.empty(BOOKING)
                    .therapistChanged(withPreviousTherapistName(toMalee, " "), NOW, PLANNER);

            assertThat(change.state().messages().getLast().facts().previousTherapistName()).isNull();
            assertThat(change.state().details().therapistName()).isEqualTo("Malee");
        }

        @Test
        void aChangeThatAlsoMovesTheSessionMovesTheReminders() {
            Instant newStart = START.plus(Duration.ofHours(4));
            BookingTherapistChanged moved = new BookingTherapistChanged(UUID.randomUUID(), NOW, BOOKING, "liverpool",
                    confirmation.technique(), 60, newStart, newStart.plus(Duration.ofMinutes(60)), LONDON, "t-somchai",
                    "Somchai", "t-malee", "Malee", "room-1", null, confirmation.customer());

            Change change = confirmedBooking().therapistChanged(moved, NOW, PLANNER);

            assertThat(change.events()).filteredOn(ReminderCancelled.class::isInstance).map(ReminderCancelled.class::cast)
                    .extracting(ReminderCancelled::reminderId, ReminderCancelled::reason)
                    .containsExactly(tuple("b-1:P1D", "therapist changed for another time"),
                            tuple("b-1:PT2H", "therapist changed for another time"));
            assertThat(change.events()).filteredOn(ReminderScheduled.class::isInstance).map(ReminderScheduled.class::cast)
                    .extracting(ReminderScheduled::reminderId, ReminderScheduled::dueAt)
                    .containsExactly(tuple("b-1:P1D#2", newStart.minus(Duration.ofDays(1))),
                            tuple("b-1:PT2H#2", newStart.minus(Duration.ofHours(2))));
        }

        private static BookingTherapistChanged withPreviousTherapistName(BookingTherapistChanged event, String name) {
            return new BookingTherapistChanged(event.eventId(), event.occurredAt(), event.bookingId(), event.branchId(),
                    event.technique(), event.durationMinutes(), event.start(), event.end(), event.zone(),
                    event.previousTherapistId(), name, event.therapistId(), event.therapistName(), event.roomId(),
                    event.reason(), event.customer());
        }
    }

    @Nested
    class Delivery {

        @Test
        void theMostOverdueMessageComesFirstAndOnlyOnceDue() {
            BookingNotifications state = confirmedBooking();

            assertThat(state.nextDueMessage(NOW.minusMillis(1))).isEmpty();
            assertThat(state.nextDueMessage(Instant.parse("2026-12-01T09:00:00Z"))).get()
                    .extracting(Message::id).isEqualTo("b-1:confirmation");
        }

        @Test
        void aClaimedMessageIsSendingUnderALease() {
            Change claim = confirmedBooking().claim("b-1:P1D", Instant.parse("2026-11-30T10:00:01Z"), POLICY);

            Message claimed = claim.state().message("b-1:P1D");
            assertThat(claimed.status()).isEqualTo(MessageStatus.SENDING);
            assertThat(claimed.attempts()).isEqualTo(1);
            assertThat(claimed.leaseUntil()).isEqualTo(Instant.parse("2026-11-30T10:05:01Z"));
            assertThat(claim.state().reminders().getFirst().status()).isEqualTo(ReminderStatus.SENDING);
            assertThat(claim.events()).isEmpty();
            assertThatThrownBy(() -> claim.state().claim("b-1:P1D", Instant.parse("2026-11-30T10:00:02Z"), POLICY))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void aClaimMadeInTheWriteThatMakesTheMessageKeepsThatWritesEvents() {
            Change confirmed = BookingNotifications.empty(BOOKING).confirmed(confirmation, NOW, PLANNER);

            Change together = confirmed.andThen(confirmed.state().claim("b-1:confirmation", NOW, POLICY));

            assertThat(together.state().message("b-1:confirmation").status()).isEqualTo(MessageStatus.SENDING);
            assertThat(together.events()).isEqualTo(confirmed.events()).isNotEmpty();
            assertThat(together.changed()).isTrue();
            assertThat(Change.none(confirmed.state()).andThen(Change.none(confirmed.state())).changed()).isFalse();
        }

        @Test
        void aDeliveredReminderIsSentAndAnnounced() {
            Instant claimedAt = Instant.parse("2026-11-30T10:00:01Z");
            BookingNotifications claimed = confirmedBooking().claim("b-1:P1D", claimedAt, POLICY).state();

            Change change = claimed.delivered("b-1:P1D", claimedAt, "Reminder", claimedAt.plusMillis(300));

            assertThat(change.state().message("b-1:P1D")).extracting(Message::status, Message::sentAt, Message::subject)
                    .containsExactly(MessageStatus.SENT, claimedAt.plusMillis(300), "Reminder");
            assertThat(change.state().reminders().getFirst().status()).isEqualTo(ReminderStatus.SENT);
            assertThat(change.events()).singleElement().isInstanceOfSatisfying(NotificationSent.class, sent -> {
                assertThat(sent.notificationId()).isEqualTo("b-1:P1D");
                assertThat(sent.reminderId()).isEqualTo("b-1:P1D");
                assertThat(sent.kind()).isEqualTo(MessageKind.REMINDER);
                assertThat(sent.channel()).isEqualTo(Channel.EMAIL);
                assertThat(sent.recipient()).isEqualTo(EMAIL);
            });
        }

        @Test
        void aClaimMaySendItsMessageOnlyWhileItIsStillTheClaimWithinItsLease() {
            Instant claimedAt = Instant.parse("2026-11-30T10:00:01Z");
            BookingNotifications claimed = confirmedBooking().claim("b-1:P1D", claimedAt, POLICY).state();
            Instant leaseUntil = claimed.message("b-1:P1D").leaseUntil();

            assertThat(claimed.stillClaimed("b-1:P1D", claimedAt, claimedAt.plusSeconds(5))).isTrue();
            assertThat(claimed.stillClaimed("b-1:P1D", claimedAt, leaseUntil.minusMillis(1))).isTrue();
            assertThat(claimed.stillClaimed("b-1:P1D", claimedAt, leaseUntil)).as("its lease run out").isFalse();
            assertThat(claimed.stillClaimed("b-1:P1D", claimedAt.minusMillis(1), claimedAt)).as("another claim").isFalse();
            assertThat(claimed.stillClaimed("b-1:confirmation", claimedAt, claimedAt)).as("a message not claimed").isFalse();
            assertThat(claimed.stillClaimed("b-1:nothing", claimedAt, claimedAt)).as("no such message").isFalse();
            assertThat(claimed.delivered("b-1:P1D", claimedAt, "Reminder", claimedAt).state()
                    .stillClaimed("b-1:P1D", claimedAt, claimedAt)).as("its outcome recorded").isFalse();
        }

        @Test
        void anOutcomeForSomebodyElsesClaimChangesNothing() {
            Instant claimedAt = Instant.parse("2026-11-30T10:00:01Z");
            BookingNotifications claimed = confirmedBooking().claim("b-1:P1D", claimedAt, POLICY).state();

            assertThat(claimed.delivered("b-1:P1D", claimedAt.minusMillis(1), "s", claimedAt).changed()).isFalse();
            assertThat(claimed.deliveryFailed("b-1:P1D", claimedAt.plusMillis(1), "s", "boom", claimedAt, POLICY).changed()).isFalse();
        }

        @Test
        void failedAttemptsAreRetriedWithGrowingPausesThenTheMessageFails() {
            BookingNotifications state = confirmedBooking();
            Instant t1 = NOW.plusSeconds(1);

            state = state.claim("b-1:confirmation", t1, POLICY).state();
            state = state.deliveryFailed("b-1:confirmation", t1, "Booking confirmed", "smtp down", t1, POLICY).state();
            assertThat(state.message("b-1:confirmation")).extracting(Message::status, Message::dueAt, Message::attempts, Message::error)
                    .containsExactly(MessageStatus.PENDING, t1.plusSeconds(30), 1, "smtp down");

            Instant t2 = t1.plusSeconds(30);
            state = state.claim("b-1:confirmation", t2, POLICY).state();
            state = state.deliveryFailed("b-1:confirmation", t2, "Booking confirmed", "smtp down", t2, POLICY).state();
            assertThat(state.message("b-1:confirmation").dueAt()).isEqualTo(t2.plusSeconds(60));

            Instant t3 = t2.plusSeconds(60);
            state = state.claim("b-1:confirmation", t3, POLICY).state();
            Change last = state.deliveryFailed("b-1:confirmation", t3, "Booking confirmed", "smtp still down", t3, POLICY);

            assertThat(last.state().message("b-1:confirmation")).extracting(Message::status, Message::attempts)
                    .containsExactly(MessageStatus.FAILED, 3);
            assertThat(last.events()).singleElement().isInstanceOfSatisfying(NotificationFailed.class, failed -> {
                assertThat(failed.notificationId()).isEqualTo("b-1:confirmation");
                assertThat(failed.reason()).isEqualTo("smtp still down");
                assertThat(failed.reminderId()).isNull();
            });
        }

        @Test
        void aReminderIsNotRetriedOnceTheSessionHasStarted() {
            Instant claimedAt = START.minusSeconds(10);
            BookingNotifications state = confirmedBooking().claim("b-1:PT2H", claimedAt, POLICY).state();

            Change change = state.deliveryFailed("b-1:PT2H", claimedAt, "Reminder", "smtp down", claimedAt, POLICY);

            assertThat(change.state().message("b-1:PT2H").status()).isEqualTo(MessageStatus.FAILED);
            assertThat(change.state().reminders().getLast().status()).isEqualTo(ReminderStatus.FAILED);
            assertThat(change.events()).singleElement().isInstanceOf(NotificationFailed.class);
        }

        @Test
        void aClaimThatOutlivesItsLeaseIsSentAgainUnderTheSameIdAndRecordedOnce() {
            Instant claimedAt = Instant.parse("2026-11-30T10:00:01Z");
            BookingNotifications claimed = confirmedBooking().claim("b-1:P1D", claimedAt, POLICY).state();
            Instant leaseEnd = claimedAt.plus(Duration.ofMinutes(5));

            assertThat(claimed.interruptedDeliveries(leaseEnd.minusMillis(1), POLICY).changed()).isFalse();
            Change expired = claimed.interruptedDeliveries(leaseEnd, POLICY);

            assertThat(expired.events()).as("nothing failed: it is tried again").isEmpty();
            assertThat(expired.state().message("b-1:P1D"))
                    .extracting(Message::status, Message::dueAt, Message::attempts, Message::claimedAt)
                    .containsExactly(MessageStatus.PENDING, leaseEnd, 1, null);
            assertThat(expired.state().message("b-1:P1D").error()).startsWith("delivery interrupted (attempt 1)");
            assertThat(expired.state().reminders().getFirst().status()).isEqualTo(ReminderStatus.SCHEDULED);

            Instant retriedAt = leaseEnd.plusSeconds(1);
            Dispatch retry = expired.state().take("b-1:P1D", retriedAt, POLICY);
            assertThat(retry).isInstanceOf(Dispatch.Send.class);
            Message again = retry.change().state().message("b-1:P1D");
            assertThat(again).extracting(Message::id, Message::status, Message::attempts, Message::claimedAt)
                    .containsExactly("b-1:P1D", MessageStatus.SENDING, 2, retriedAt);
            Change sent = retry.change().state().delivered("b-1:P1D", retriedAt, "Reminder", retriedAt);
            assertThat(sent.events()).singleElement().isInstanceOfSatisfying(NotificationSent.class,
                    event -> assertThat(event.notificationId()).isEqualTo("b-1:P1D"));
            assertThat(sent.state().delivered("b-1:P1D", claimedAt, "Reminder", retriedAt).changed())
                    .as("the first claim's late outcome is not recorded a second time").isFalse();
        }

        @Test
        void anInterruptedClaimWithNoAttemptsLeftFailsForGood() {
            DeliveryPolicy once = new DeliveryPolicy(1, Duration.ofSeconds(30), Duration.ofMinutes(5));
            Instant claimedAt = Instant.parse("2026-11-30T10:00:01Z");
            BookingNotifications claimed = confirmedBooking().claim("b-1:P1D", claimedAt, once).state();

            Change expired = claimed.interruptedDeliveries(claimedAt.plus(Duration.ofMinutes(5)), once);

            assertThat(expired.state().message("b-1:P1D")).extracting(Message::status, Message::error)
                    .containsExactly(MessageStatus.FAILED, "delivery interrupted (attempt 1, the last)");
            assertThat(expired.state().reminders().getFirst().status()).isEqualTo(ReminderStatus.FAILED);
            assertThat(expired.events()).singleElement().isInstanceOfSatisfying(NotificationFailed.class, failed -> {
                assertThat(failed.reason()).isEqualTo("delivery interrupted (attempt 1, the last)");
                assertThat(failed.reminderId()).isEqualTo("b-1:P1D");
            });
            assertThat(expired.state().nextDueAt()).as("only the confirmation is left to do").isEqualTo(NOW);
        }

        @Test
        void anInterruptedReminderWhoseSessionHasStartedMeanwhileIsMissedNotSentAgain() {
            Instant claimedAt = START.minus(Duration.ofMinutes(3));
            BookingNotifications claimed = confirmedBooking().claim("b-1:PT2H", claimedAt, POLICY).state();
            BookingNotifications retrying = claimed.interruptedDeliveries(claimedAt.plus(Duration.ofMinutes(5)), POLICY).state();

            Dispatch retry = retrying.take("b-1:PT2H", claimedAt.plus(Duration.ofMinutes(5)), POLICY);

            assertThat(retry).isInstanceOf(Dispatch.Withhold.class);
            assertThat(retry.change().state().message("b-1:PT2H").status()).isEqualTo(MessageStatus.MISSED);
        }

        @Test
        void nextDueAtIsTheEarliestPendingTimeOrLeaseEnd() {
            Instant claimedAt = NOW.plusSeconds(1);
            BookingNotifications state = confirmedBooking().claim("b-1:confirmation", claimedAt, POLICY).state();

            assertThat(state.nextDueAt()).isEqualTo(claimedAt.plus(Duration.ofMinutes(5)));
            state = state.delivered("b-1:confirmation", claimedAt, "s", claimedAt).state();
            assertThat(state.nextDueAt()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        }
    }

    private static BookingNotifications deliver(BookingNotifications state, String messageId, Instant at) {
        BookingNotifications claimed = state.claim(messageId, at, POLICY).state();
        return claimed.delivered(messageId, at, "subject", at).state();
    }
}

package app.sabai.therapist.schedule.adapter;

import app.sabai.therapist.planning.BookedSession;

import java.util.List;

/** A day document as read: one therapist's, room's or equipment unit's sessions on one local date. */
record DaySheet(String id, List<BookedSession> sessions) {

    DaySheet {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }
}

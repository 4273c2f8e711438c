package app.sabai.therapist.schedule.adapter;

import app.sabai.therapist.planning.BookedSession;

import java.util.List;

/** A day document as read: what holds one therapist, room or equipment unit on one UTC date. */
record DaySheet(String id, List<BookedSession> sessions) {

    DaySheet {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }
}

package app.sabai.therapist.schedule.adapter;

import app.sabai.therapist.planning.BookedSession;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** A day document as read: what holds one therapist, room or equipment unit on one UTC date. */
record DaySheet(String id, List<BookedSession> sessions) {

    DaySheet {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    /**
     * The day document read field by field, as {@link Reservations#document} writes its sessions: every request reads
     * the days it touches, and mapping them through the converter's reflection was a good part of that read.
     */
    static DaySheet of(Document day) {
        List<Document> stored = day.getList(Reservations.SESSIONS, Document.class, List.of());
        List<BookedSession> sessions = new ArrayList<>(stored.size());
        for (Document session : stored) {
            sessions.add(session(session));
        }
        return new DaySheet(day.getString("_id"), sessions);
    }

    private static BookedSession session(Document stored) {
        return new BookedSession(stored.getString("bookingId"), stored.getInteger("attempt", 0), stored.getString("branchId"),
                instant(stored, "start"), instant(stored, "end"), instant(stored, "sessionStart"), instant(stored, "sessionEnd"),
                stored.getString("absenceId"), stored.getString("absenceReason"));
    }

    private static Instant instant(Document stored, String field) {
        Date date = stored.getDate(field);
        return date == null ? null : date.toInstant();
    }
}

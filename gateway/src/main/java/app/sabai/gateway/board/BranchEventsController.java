package app.sabai.gateway.board;

import app.sabai.contracts.Topic;
import app.sabai.gateway.ops.ContactDetails;
import app.sabai.gateway.ops.OpsEvent;
import app.sabai.gateway.ops.OpsEventStream;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import java.util.Set;

/**
 * {@code GET /api/branches/{branchId}/events}: the live events of one branch's bookings and assignments, for its staff
 * board, served by the gateway itself like the operations stream. Only records whose value names the branch
 * ({@code branchId}) pass, with customers' contact details masked: the board reloads its day from the API and needs
 * no more than what happened and when. Open to the branch's staff, and to operations and administrators.
 */
@RestController
class BranchEventsController {

    static final Set<String> TOPICS = Set.of(Topic.BOOKINGS.topicName(), Topic.ASSIGNMENTS.topicName());

    private final OpsEventStream stream;

    BranchEventsController(OpsEventStream stream) {
        this.stream = stream;
    }

    @GetMapping(path = "/api/branches/{branchId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> events(@PathVariable String branchId, ServerWebExchange exchange, Authentication caller) {
        StaffCaller staff = StaffCaller.of(caller);
        if (!staff.reads(branchId)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, staff.roles().contains(StaffCaller.STAFF)
                    ? "Staff follow the events of their own branches only (" + String.join(", ", staff.branches()) + "), not " + branchId + "."
                    : "A branch's events are open to its staff, operations and administrators.");
        }
        // Tells buffering proxies (nginx and the like) to pass events on as they come.
        exchange.getResponse().getHeaders().set("X-Accel-Buffering", "no");
        return stream.open(TOPICS, record -> ofBranch(record, branchId), ContactDetails.MASKED);
    }

    static boolean ofBranch(OpsEvent record, String branchId) {
        JsonNode value = record.value();
        return value != null && value.isObject() && value.get("branchId") instanceof JsonNode branch && branch.isString()
                && branchId.equals(branch.asString());
    }
}

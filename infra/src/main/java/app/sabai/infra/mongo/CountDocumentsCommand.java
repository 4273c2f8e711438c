package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.bson.Document;

import java.util.List;
import java.util.function.Function;

/**
 * The drivers' {@code countDocuments} is an aggregation: {@code $match}, an optional {@code $skip} and {@code $limit},
 * then {@code $group} counting. mongo-java-server 1.47.0 answers an aggregation by first holding every matched document
 * in memory, so counting a large collection (as MongoDB Compass or mongosh do when a collection is opened) ran the
 * store out of heap. That shape is answered here through the {@code count} command instead, which counts a whole
 * collection without reading its documents and a filtered one through the same narrowing as a find.
 */
final class CountDocumentsCommand {

    private CountDocumentsCommand() {
    }

    static boolean matches(String command, Document query) {
        return "aggregate".equalsIgnoreCase(command) && countStages(query) != null;
    }

    static Document answer(String databaseName, Document query, Function<Document, Document> count) {
        Document stages = countStages(query);
        String collection = (String) query.get("aggregate");
        Document countCommand = new Document("count", collection).append("query", stages.get("$match"));
        if (stages.get("$skip") != null) {
            countCommand.append("skip", stages.get("$skip"));
        }
        if (stages.get("$limit") != null) {
            countCommand.append("limit", stages.get("$limit"));
        }
        Number counted = (Number) count.apply(countCommand).get("n");
        Document group = (Document) stages.get("$group");
        String field = group.keySet().stream().filter(key -> !key.equals("_id")).findFirst().orElseThrow();
        List<Document> batch = counted.longValue() == 0 ? List.of()
                : List.of(new Document("_id", group.get("_id")).append(field, counted.intValue()));
        Document cursor = new Document("firstBatch", batch).append("id", 0L).append("ns", databaseName + "." + collection);
        return new Document("cursor", cursor).append("ok", 1.0);
    }

    /** The stages by name when the pipeline is a count, else null. */
    private static Document countStages(Document query) {
        if (!(query.get("aggregate") instanceof String) || !(query.get("pipeline") instanceof List<?> pipeline) || pipeline.size() < 2) {
            return null;
        }
        Document stages = new Document();
        for (int i = 0; i < pipeline.size(); i++) {
            if (!(pipeline.get(i) instanceof Document stage) || stage.size() != 1) {
                return null;
            }
            String name = stage.keySet().iterator().next();
            boolean allowed = switch (name) {
                case "$match" -> i == 0 && stage.get(name) instanceof Document;
                case "$skip", "$limit" -> i > 0 && i < pipeline.size() - 1 && stage.get(name) instanceof Number;
                case "$group" -> i == pipeline.size() - 1 && isCount(stage.get(name));
                default -> false;
            };
            if (!allowed || stages.containsKey(name)) {
                return null;
            }
            stages.put(name, stage.get(name));
        }
        return stages.containsKey("$match") && stages.containsKey("$group") ? stages : null;
    }

    /** {@code {_id: <constant>, <field>: {$sum: 1}}}: one group of everything, counted. */
    private static boolean isCount(Object group) {
        if (!(group instanceof Document document) || document.size() != 2 || !document.containsKey("_id")
                || document.get("_id") instanceof String || document.get("_id") instanceof Document) {
            return false;
        }
        return document.entrySet().stream().filter(entry -> !entry.getKey().equals("_id"))
                .allMatch(entry -> entry.getValue() instanceof Document sum && sum.size() == 1
                        && sum.get("$sum") instanceof Number one && one.intValue() == 1);
    }
}

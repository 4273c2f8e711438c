package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.MongoVersion;

import java.util.List;

/**
 * The server version the store reports. mongo-java-server's newest choice ({@code MONGO_5_0}) answers wire version 8,
 * and current tools refuse it: mongosh 2.x and MongoDB Compass (Node.js driver 6) need at least 9, MongoDB 4.4. The
 * store reports 4.4 with its wire version, the oldest release those tools accept, so they connect and the Java driver
 * the services use keeps to the commands it has always sent.
 */
enum StoreVersion implements MongoVersion {

    MONGO_4_4(List.of(4, 4, 0), 9);

    private final List<Integer> versionArray;
    private final int wireVersion;

    StoreVersion(List<Integer> versionArray, int wireVersion) {
        this.versionArray = versionArray;
        this.wireVersion = wireVersion;
    }

    @Override
    public List<Integer> getVersionArray() {
        return versionArray;
    }

    @Override
    public int getWireVersion() {
        return wireVersion;
    }
}

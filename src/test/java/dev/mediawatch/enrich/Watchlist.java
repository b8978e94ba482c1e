package dev.mediawatch.enrich;

import dev.mediawatch.model.Entity;
import java.util.List;

/** The first desk's watchlist, as the tests use it. */
final class Watchlist {

    private Watchlist() {}

    static final Entity CECOT = new Entity("cecot", "CECOT", "facility",
            List.of("Cecot", "Terrorism Confinement Center", "Centro de Confinamiento del Terrorismo"),
            List.of(), List.of(), List.of("Johnny Cecotto"), "Q117201488");
    static final Entity ABREGO = new Entity("abrego-garcia", "Kilmar Abrego Garcia", "person",
            List.of("Abrego Garcia", "Kilmar Armando Abrego Garcia"),
            List.of(), List.of(), List.of("Jerry Garcia"), null);
    static final Entity AEA = Entity.of("alien-enemies-act", "Alien Enemies Act", "law",
            "Alien Enemies Act of 1798");
    static final Entity BUKELE = Entity.of("bukele", "Nayib Bukele", "person", "Bukele", "President Bukele");
    static final Entity TREN = new Entity("tren-de-aragua", "Tren de Aragua", "organization",
            List.of(), List.of("TdA"), List.of(), List.of("state of Aragua"), null);
    static final Entity MS13 = Entity.of("ms-13", "MS-13", "organization", "Mara Salvatrucha");
    static final Entity RUBIO = Entity.of("rubio", "Marco Rubio", "person", "Rubio", "Secretary Rubio");
    static final Entity ICE = new Entity("ice", "ICE", "organization",
            List.of("Immigration and Customs Enforcement"), List.of("ICE"), List.of(), List.of(), null);

    static final List<Entity> ALL = List.of(CECOT, ABREGO, AEA, BUKELE, TREN, MS13, RUBIO, ICE);

    static EntityMatcher matcher() {
        return EntityMatcher.of(ALL);
    }
}

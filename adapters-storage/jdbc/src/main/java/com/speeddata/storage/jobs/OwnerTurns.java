package com.speeddata.storage.jobs;

import com.speeddata.storage.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Makes the changes of one job owner that count its own jobs take turns: a submit against the owner's queued quota,
 * a claim against its running quota. Each turn is one transaction, and the next turn of the same owner starts only
 * after it has committed, so it counts what the last one wrote (one statement could not: under READ COMMITTED its
 * snapshot is taken before any lock; eight concurrent submits against a quota of five queued eight). Other owners
 * do not wait.
 */
interface OwnerTurns {

    /**
     * Runs {@code work} on {@code connection} (in auto-commit mode on entry, and again on return) as one transaction
     * holding {@code owner}'s turn.
     */
    <T> T take(Connection connection, String owner, Jdbc.Work<T> work) throws SQLException;

    /** PostgreSQL: a transaction-scoped advisory lock, released by the commit, so it spans every instance. */
    final class Advisory implements OwnerTurns {
        /** Keyed by schema and owner: advisory locks span the whole database. */
        private static final String LOCK_OWNER =
                "SELECT pg_advisory_xact_lock(hashtext('speeddata.job'), " + "hashtext(current_schema() || '/' || ?))";

        @Override
        public <T> T take(Connection connection, String owner, Jdbc.Work<T> work) throws SQLException {
            return Jdbc.inTransaction(connection, c -> {
                try (PreparedStatement lock = new Args().add(owner).bind(c.prepareStatement(LOCK_OWNER))) {
                    lock.executeQuery().close();
                }
                return work.run(c);
            });
        }
    }

    /**
     * The embedded H2, which no other process can open: a lock of this JVM, held until the commit. Striped by
     * owner: owners that share a stripe take turns too, harmlessly (each turn lasts a moment).
     */
    final class InProcess implements OwnerTurns {
        private static final Object[] STRIPES = new Object[64];

        static {
            for (int i = 0; i < STRIPES.length; i++) {
                STRIPES[i] = new Object();
            }
        }

        @Override
        public <T> T take(Connection connection, String owner, Jdbc.Work<T> work) throws SQLException {
            synchronized (STRIPES[Math.floorMod(owner.hashCode(), STRIPES.length)]) {
                return Jdbc.inTransaction(connection, work);
            }
        }
    }
}

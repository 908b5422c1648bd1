package com.speeddata.scoring.usecase;

import com.speeddata.scoring.events.EventId;
import com.speeddata.scoring.events.EventQuery;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What a scoring batch scores: stored events by id, the stored events a selection matches, or inline headlines. */
public sealed interface BatchItems {

    record EventIds(List<EventId> ids) implements BatchItems {
        public EventIds {
            ids = List.copyOf(ids);
        }
    }

    /** The events matching the query; {@code unscored} restricts them to those the batch's model has not scored. */
    record Selection(EventQuery query, boolean unscored) implements BatchItems {
        public Selection {
            Objects.requireNonNull(query, "query");
        }

        /** The query to run with a model: {@code unscored} means not yet scored by that model. */
        public EventQuery queryFor(String modelSha) {
            return new EventQuery(
                    query.owner(),
                    query.ticker(),
                    query.from(),
                    query.to(),
                    unscored ? modelSha : query.unscoredBy(),
                    null,
                    query.limit(),
                    query.asOf());
        }

        /**
         * The selection fixed at {@code accepted}: events stored later, and scores saved later (by this very batch
         * on an earlier attempt), do not change it.
         */
        public Selection asOf(Instant accepted) {
            return new Selection(query.asOf(accepted), unscored);
        }
    }

    record Headlines(List<Headline> headlines) implements BatchItems {
        public Headlines {
            headlines = List.copyOf(headlines);
        }
    }

    /** An inline headline; {@code id} is the caller's, or its position when none was given. */
    record Headline(String id, String text, String ticker) {
        public Headline {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(text, "text");
        }
    }
}

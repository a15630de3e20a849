package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorData.JSON;
import static dev.gcjobs.emulator.EmulatorData.org;
import static dev.gcjobs.emulator.EmulatorData.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.model.AsyncConversationQuery;
import com.mypurecloud.sdk.v2.model.AsyncUserDetailsQuery;
import com.mypurecloud.sdk.v2.model.SegmentDetailQueryClause;
import com.mypurecloud.sdk.v2.model.SegmentDetailQueryFilter;
import com.mypurecloud.sdk.v2.model.SegmentDetailQueryPredicate;
import com.mypurecloud.sdk.v2.model.UserDetailQueryFilter;
import com.mypurecloud.sdk.v2.model.UserDetailQueryPredicate;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The bodies the official SDK serializes are accepted and mean what they say. */
@Tag("unit")
class OfficialSdkQueryBodyTest {
  private final ApiClient client = ApiClient.Builder.standard().build();

  private JsonNode serialized(Object sdkModel) throws Exception {
    return JSON.readTree(client.getObjectMapper().writeValueAsString(sdkModel));
  }

  @Test
  void anSdkConversationQueryWithSegmentFiltersAndClausesSelectsWhatItSays() throws Exception {
    SegmentDetailQueryPredicate agent =
        new SegmentDetailQueryPredicate()
            .type(SegmentDetailQueryPredicate.TypeEnum.DIMENSION)
            .dimension(SegmentDetailQueryPredicate.DimensionEnum.PURPOSE)
            .operator(SegmentDetailQueryPredicate.OperatorEnum.MATCHES)
            .value("agent");
    SegmentDetailQueryPredicate email =
        new SegmentDetailQueryPredicate()
            .dimension(SegmentDetailQueryPredicate.DimensionEnum.MEDIATYPE)
            .value("email");
    AsyncConversationQuery query =
        new AsyncConversationQuery()
            .interval("2024-03-14T00:00:00.000Z/2024-03-15T00:00:00.000Z")
            .order(AsyncConversationQuery.OrderEnum.DESC)
            .orderBy(AsyncConversationQuery.OrderByEnum.CONVERSATIONEND)
            .startOfDayIntervalMatching(true)
            .segmentFilters(
                List.of(
                    new SegmentDetailQueryFilter()
                        .type(SegmentDetailQueryFilter.TypeEnum.AND)
                        .predicates(List.of(agent))
                        .clauses(
                            List.of(
                                new SegmentDetailQueryClause()
                                    .type(SegmentDetailQueryClause.TypeEnum.OR)
                                    .predicates(List.of(email))))));
    JsonNode body = serialized(query);

    List<EmulatedRecord> records = org().conversations(body);

    assertThat(records).isNotEmpty();
    assertThat(records)
        .allSatisfy(r -> assertThat(parse(r).toString()).contains("\"mediaType\":\"email\""));
    assertThat(records.get(0).end()).isAfterOrEqualTo(records.get(records.size() - 1).end());
  }

  @Test
  void anSdkUserDetailsQueryIsAccepted() throws Exception {
    List<EmulatedRecord> all =
        org()
            .userDetails(
                serialized(
                    new AsyncUserDetailsQuery()
                        .interval("2024-03-14T08:00:00.000Z/2024-03-14T09:00:00.000Z")));
    AsyncUserDetailsQuery oneUser =
        new AsyncUserDetailsQuery()
            .interval("2024-03-14T08:00:00.000Z/2024-03-14T09:00:00.000Z")
            .order(AsyncUserDetailsQuery.OrderEnum.ASC)
            .userFilters(
                List.of(
                    new UserDetailQueryFilter()
                        .type(UserDetailQueryFilter.TypeEnum.OR)
                        .predicates(
                            List.of(
                                new UserDetailQueryPredicate()
                                    .dimension(UserDetailQueryPredicate.DimensionEnum.USERID)
                                    .value(all.get(1).id())))));
    assertThat(org().userDetails(serialized(oneUser)))
        .extracting(EmulatedRecord::id)
        .containsExactly(all.get(1).id());
  }
}

package com.crmscoring.functions.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crmscoring.infra.dynamo.TableDefinitions;
import com.crmscoring.infra.dynamo.TableNames;
import com.crmscoring.scoring.drift.DriftReport;
import com.crmscoring.scoring.observe.EmbeddedMetrics;
import com.crmscoring.scoring.observe.InvocationLog;
import com.crmscoring.scoring.observe.ScoreMetrics;
import com.crmscoring.shared.model.ServedModel;
import com.crmscoring.storage.DependencyUnavailableException;
import com.crmscoring.testkit.LambdaTemplate;
import com.crmscoring.testkit.PackagedLambda;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.funqy.Funq;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/** template.yaml checked against the code it deploys: handlers, exports, tables, policies, events. */
class TemplateTest {

    private static final Path ROOT = Path.of("..");
    private static JsonNode template;
    private static Set<String> funqFunctions;

    @BeforeAll
    static void read() throws IOException, ClassNotFoundException {
        template = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("template.yaml").toFile());
        funqFunctions = funqFunctions(Path.of("target/classes"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Map.Entry<String, JsonNode>> resources(String type) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        template.get("Resources").properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals(type)) {
                out.add(e);
            }
        });
        return out;
    }

    @Test
    void everyLambdaRunsTheFunqyHandlerAndExportsAnExistingFunction() {
        JsonNode globals = template.path("Globals").path("Function");
        assertEquals(PackagedLambda.FUNQY_HANDLER, globals.path("Handler").asText());
        assertEquals(com.crmscoring.functions.config.LoggedFunqyHandler.class.getName() + "::handleRequest", PackagedLambda.FUNQY_HANDLER,
                "the handler that writes the invocation log line");
        // Lambda's JSON log format, so that the runtime interface client's own reports are JSON too.
        assertEquals("JSON", globals.path("LoggingConfig").path("LogFormat").asText());
        assertEquals("functions/target/function.zip", globals.path("CodeUri").asText());
        // The YAML reader keeps "!If [c, a, !Ref b]" as the list [c, a, b]: the chosen runtime, or
        // provided.al2023 for the custom JVM, which starts through its own bootstrap.
        assertEquals(List.of("OnCustomJvm", "provided.al2023", "Runtime"), texts(globals.path("Runtime")));
        JsonNode runtime = template.path("Parameters").path("Runtime");
        assertEquals("java21", runtime.path("Default").asText());
        assertEquals(List.of("java21", "java25", "custom-jvm", "provided.al2023"), texts(runtime.path("AllowedValues")));
        // SnapStart on the managed Java runtimes only: it and the custom runtime's AOT cache exclude each other.
        assertEquals(List.of("OnManagedJvm", "PublishedVersions", "None"), texts(globals.path("SnapStart").path("ApplyOn")));
        List<Map.Entry<String, JsonNode>> functions = funqyFunctions();
        assertFalse(functions.isEmpty());
        for (Map.Entry<String, JsonNode> f : functions) {
            String export = f.getValue().path("Properties").path("Environment").path("Variables").path("QUARKUS_FUNQY_EXPORT").asText();
            assertTrue(funqFunctions.contains(export), f.getKey() + " exports '" + export + "', the code has " + funqFunctions);
            assertFalse(f.getValue().path("Properties").has("Handler"), f.getKey() + " must use the shared handler");
        }
    }

    @Test
    void everyFunctionGetsTheOnnxRuntimeLayerAndSnapStart() {
        JsonNode globals = template.path("Globals").path("Function");
        assertEquals("OnnxRuntimeLayer", globals.path("Layers").get(0).asText());
        assertEquals(LambdaTemplate.LAYER_MOUNT, globals.path("Environment").path("Variables").path(LambdaTemplate.NATIVE_PATH_ENV).asText());
        // The layer's content is the build's folder; Lambda mounts a layer's top folder under /opt.
        assertEquals(LambdaTemplate.LAYER_BUILD.getParent().toString(),
                template.path("Resources").path("OnnxRuntimeLayer").path("Properties").path("ContentUri").asText());
        assertEquals(LambdaTemplate.LAYER_MOUNT, "/opt/" + LambdaTemplate.LAYER_BUILD.getFileName());
        assertTrue(globals.path("SnapStart").has("ApplyOn"), "SnapStart restores a primed snapshot");
        assertEquals("live", globals.path("AutoPublishAlias").asText(), "SnapStart works on published versions");
    }

    /** The metric names and dimension keys EmbeddedMetrics writes; what an alarm or a widget may read. */
    private static final Set<String> WRITTEN_METRICS = Set.of(EmbeddedMetrics.INVOCATIONS, EmbeddedMetrics.ERRORS, EmbeddedMetrics.LATENCY,
            EmbeddedMetrics.SCORED, EmbeddedMetrics.OPTED_OUT, EmbeddedMetrics.SCORE, EmbeddedMetrics.DEFAULTED_SHARE,
            EmbeddedMetrics.SCORE_PSI, EmbeddedMetrics.FEATURE_PSI, EmbeddedMetrics.PSI);
    private static final Set<String> WRITTEN_DIMENSIONS = Set.of(EmbeddedMetrics.FUNCTION, EmbeddedMetrics.OUTCOME, EmbeddedMetrics.MODEL,
            EmbeddedMetrics.VERSION, EmbeddedMetrics.FEATURE);

    @Test
    void alarmsAndTheDashboardReadTheMetricsTheFunctionsWrite() throws IOException {
        String namespace = template.path("Globals").path("Function").path("Environment").path("Variables").path("METRICS_NAMESPACE").asText();
        assertEquals(EmbeddedMetrics.DEFAULT_NAMESPACE + "/${Stage}", namespace, "one namespace per stage");

        List<Map.Entry<String, JsonNode>> alarms = resources("AWS::CloudWatch::Alarm");
        assertEquals(Set.of("ServerErrorRateAlarm", "ShopApiLatencyAlarm", "ScoringLatencyAlarm", "ScoreDriftWatchAlarm",
                "ScoreDriftActAlarm", "FeatureDriftWatchAlarm", "FeatureDriftActAlarm"),
                alarms.stream().map(Map.Entry::getKey).collect(Collectors.toSet()));
        // The outcomes the error alarm counts are codes our handlers write for failures of our own.
        Set<String> serverErrors = Set.of(InvocationLog.outcomeOf(new IllegalStateException()),
                InvocationLog.outcomeOf(new DependencyUnavailableException("down", null)));
        for (Map.Entry<String, JsonNode> alarm : alarms) {
            JsonNode p = alarm.getValue().path("Properties");
            assertEquals(List.of("AlarmTopic"), texts(p.path("AlarmActions")), alarm.getKey() + " notifies the alarm topic");
            List<JsonNode> metrics = new ArrayList<>();
            if (p.has("Metrics")) {
                p.path("Metrics").forEach(m -> {
                    if (m.has("MetricStat")) {
                        metrics.add(m.path("MetricStat").path("Metric"));
                    }
                });
            } else {
                metrics.add(p);
            }
            for (JsonNode m : metrics) {
                assertEquals(namespace, m.path("Namespace").asText(), alarm.getKey());
                assertTrue(WRITTEN_METRICS.contains(m.path("MetricName").asText()), alarm.getKey() + " reads " + m.path("MetricName"));
                m.path("Dimensions").forEach(d -> {
                    assertTrue(WRITTEN_DIMENSIONS.contains(d.path("Name").asText()), alarm.getKey() + " dimension " + d);
                    if (d.path("Name").asText().equals(EmbeddedMetrics.OUTCOME)) {
                        assertTrue(serverErrors.contains(d.path("Value").asText()), alarm.getKey() + " counts " + d);
                    }
                });
            }
        }
        JsonNode shopApi = template.path("Resources").path("ShopApiLatencyAlarm").path("Properties");
        assertEquals("p99", shopApi.path("ExtendedStatistic").asText());
        assertEquals("http-api", shopApi.path("Dimensions").get(0).path("Value").asText(), "the HTTP API's invocation lines name it so");
        // Drift: watch at 0.1 and act at 0.25, on the daily maximum over models, for scores and attributes.
        for (String metric : List.of(EmbeddedMetrics.SCORE_PSI, EmbeddedMetrics.FEATURE_PSI)) {
            String prefix = metric.equals(EmbeddedMetrics.SCORE_PSI) ? "Score" : "Feature";
            for (Map.Entry<String, Double> level : Map.of("Watch", DriftReport.WATCH, "Act", DriftReport.ACT).entrySet()) {
                JsonNode alarm = template.path("Resources").path(prefix + "Drift" + level.getKey() + "Alarm").path("Properties");
                assertEquals(metric, alarm.path("MetricName").asText());
                assertEquals(level.getValue(), alarm.path("Threshold").asDouble());
                assertEquals("GreaterThanOrEqualToThreshold", alarm.path("ComparisonOperator").asText());
                assertEquals("Maximum", alarm.path("Statistic").asText());
                assertEquals(86400, alarm.path("Period").asInt(), "one run a day");
            }
        }

        // The dashboard: its body is JSON (with the stack's ${...} left in strings), every search
        // reads this stage's namespace by dimensions and names the functions write, for served models.
        JsonNode body = new ObjectMapper().readTree(template.path("Resources").path("OperationsDashboard").path("Properties")
                .path("DashboardBody").asText());
        List<String> titles = new ArrayList<>();
        Set<String> models = Stream.of(ServedModel.values()).map(ServedModel::modelName).collect(Collectors.toSet());
        Pattern search = Pattern.compile("SEARCH\\('\\{(.+?),([A-Za-z,]+)} ([^']+)'");
        for (JsonNode widget : body.path("widgets")) {
            titles.add(widget.path("properties").path("title").asText());
            for (JsonNode line : widget.path("properties").path("metrics")) {
                String expression = line.get(0).path("expression").asText();
                Matcher m = search.matcher(expression);
                assertTrue(m.find(), "a search expression: " + expression);
                assertEquals(namespace, m.group(1), expression);
                for (String dimension : m.group(2).split(",")) {
                    assertTrue(WRITTEN_DIMENSIONS.contains(dimension), expression);
                }
                Matcher name = Pattern.compile("MetricName=\"([^\"]+)\"").matcher(m.group(3));
                if (name.find()) {
                    assertTrue(WRITTEN_METRICS.contains(name.group(1)), expression);
                } else {
                    assertTrue(m.group(3).endsWith(" ScoreBucket") || m.group(3).endsWith(" Decision"), expression);
                }
                Matcher model = Pattern.compile("Model=\"([^\"]+)\"").matcher(m.group(3));
                if (model.find()) {
                    assertTrue(models.contains(model.group(1)), expression);
                }
            }
        }
        assertEquals(List.of("Requests per function", "Errors by code", "p99 latency per function (ms)", "Churn scores per bucket",
                "Expected spend per bucket", "Fraud decisions", "Defaulted attributes per model (%)", "Drift: score PSI per model (daily)",
                "Drift: attribute PSI (daily)", "Alarms"), titles);
        assertEquals(alarms.size(), body.path("widgets").get(titles.size() - 1).path("properties").path("alarms").size(),
                "every alarm on the dashboard");
        assertTrue(ScoreMetrics.PROBABILITY.names().get(0).startsWith("ScoreBucket."), "the bucket names the widgets search for");
    }

    /** The functions of this module's build; the HTTP API names its own package and is checked in http-api. */
    private static List<Map.Entry<String, JsonNode>> funqyFunctions() {
        return resources("AWS::Serverless::Function").stream()
                .filter(f -> !f.getValue().path("Properties").has("CodeUri"))
                .toList();
    }

    /** Functions that write: the order handlers. Every other function but the privacy ones only reads profiles. */
    private static final Set<String> WRITERS = Set.of("OrderStreamFunction", "OrderQueueFunction");
    /** The only functions that may write consent or delete data. */
    private static final Set<String> PRIVACY = Set.of("PrivacyFunction", "PrivacyApiFunction");

    @Test
    void orderHandlersReportPartialFailuresAndKeepWhatFails() {
        for (String name : WRITERS) {
            JsonNode events = template.path("Resources").path(name).path("Properties").path("Events");
            assertTrue(events.size() > 0, name + " has an event source");
            events.forEach(e -> assertEquals("ReportBatchItemFailures", e.path("Properties").path("FunctionResponseTypes").get(0).asText(),
                    name + " must report batch item failures, or a failing record would fail its whole batch"));
        }
        JsonNode stream = template.path("Resources").path("OrderStreamFunction").path("Properties").path("Events").path("Orders").path("Properties");
        // The YAML reader keeps "!GetAtt X.Arn" as the text "X.Arn".
        assertEquals("OrdersDeadLetterQueue.Arn", stream.path("DestinationConfig").path("OnFailure").path("Destination").asText(),
                "records that fail every retry go to the dead-letter queue");
        assertTrue(template.path("Resources").path("OrdersQueue").path("Properties").path("RedrivePolicy").has("deadLetterTargetArn"));
        for (String name : WRITERS) {
            for (JsonNode statement : template.path("Resources").path(name).path("Properties").path("Policies").get(0).path("Statement")) {
                statement.path("Action").forEach(a -> assertTrue(!a.asText().contains("*") && !a.asText().equals("dynamodb:DeleteItem"),
                        name + " may do " + a));
            }
        }
    }

    @Test
    void everyScorerMayOnlyReadProfiles() {
        for (Map.Entry<String, JsonNode> f : resources("AWS::Serverless::Function")) {
            if (WRITERS.contains(f.getKey()) || PRIVACY.contains(f.getKey()) || f.getKey().equals("DriftFunction")) {
                continue;
            }
            JsonNode statements = f.getValue().path("Properties").path("Policies").get(0).path("Statement");
            assertEquals(1, statements.size(), f.getKey());
            JsonNode actions = statements.get(0).path("Action");
            for (JsonNode action : actions.isArray() ? actions : List.of(actions)) {
                assertTrue(Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem").contains(action.asText()), f.getKey() + " may do " + action);
            }
            assertEquals("ProfilesTable.Arn", statements.get(0).path("Resource").asText(), f.getKey() + " reads profiles only");
            String logGroup = f.getValue().path("Properties").path("LoggingConfig").path("LogGroup").asText();
            assertTrue(template.path("Resources").path(logGroup).path("Properties").has("RetentionInDays"),
                    f.getKey() + " logs to a group with a retention period");
        }
    }

    @Test
    void theDriftJobRunsDailyScansProfilesQueriesRecentOrdersAndWritesOnlyItsReports() {
        JsonNode drift = template.path("Resources").path("DriftFunction").path("Properties");
        assertEquals("drift", drift.path("Environment").path("Variables").path("QUARKUS_FUNQY_EXPORT").asText());
        assertTrue(funqFunctions.contains("drift"));
        assertEquals("DriftReportsBucket", drift.path("Environment").path("Variables").path("CRM_DRIFT_BUCKET").asText());
        JsonNode statements = drift.path("Policies").get(0).path("Statement");
        assertEquals(3, statements.size());
        assertEquals("dynamodb:Scan", statements.get(0).path("Action").asText());
        assertEquals("ProfilesTable.Arn", statements.get(0).path("Resource").asText());
        assertEquals("dynamodb:Query", statements.get(1).path("Action").asText(), "the recent buyers' orders, for fraud screening's drift");
        assertEquals("OrdersTable.Arn", statements.get(1).path("Resource").asText());
        assertEquals("s3:PutObject", statements.get(2).path("Action").asText());
        assertEquals("${DriftReportsBucket.Arn}/drift/*", statements.get(2).path("Resource").asText(), "its own reports, nothing else");
        JsonNode schedule = drift.path("Events").path("Daily");
        assertEquals("ScheduleV2", schedule.path("Type").asText());
        assertTrue(schedule.path("Properties").path("ScheduleExpression").asText().startsWith("cron("));
        assertEquals(900, drift.path("Timeout").asInt(), "Lambda's longest run for a full scan");
        JsonNode bucket = template.path("Resources").path("DriftReportsBucket").path("Properties");
        assertTrue(bucket.path("PublicAccessBlockConfiguration").path("BlockPublicAcls").asBoolean(), "reports are not public");
        assertTrue(template.path("Resources").path(drift.path("LoggingConfig").path("LogGroup").asText()).path("Properties")
                .has("RetentionInDays"));
    }

    /** Issue #10: consent and erasure on their own functions, with exactly the writes they need. */
    @Test
    void privacyFunctionsMayWriteConsentAndEraseAndNothingElse() {
        for (String name : PRIVACY) {
            JsonNode statements = template.path("Resources").path(name).path("Properties").path("Policies").get(0).path("Statement");
            Map<String, Set<String>> granted = new java.util.TreeMap<>();
            statements.forEach(st -> st.path("Action").forEach(a -> granted.computeIfAbsent(st.path("Resource").asText(),
                    r -> new java.util.TreeSet<>()).add(a.asText())));
            assertEquals(Map.of("ProfilesTable.Arn", Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
                    "OrdersTable.Arn", Set.of("dynamodb:BatchWriteItem", "dynamodb:Query")), granted, name);
        }
        assertEquals("privacy", template.path("Resources").path("PrivacyFunction").path("Properties").path("Environment")
                .path("Variables").path("QUARKUS_FUNQY_EXPORT").asText());
    }

    @Test
    void tablesMatchTheirDefinitionsInCode() {
        assertTable(template.path("Resources").path("ProfilesTable"), TableDefinitions.profiles("x"));
        assertTable(template.path("Resources").path("OrdersTable"), TableDefinitions.orders("x"));
        assertEquals("NEW_AND_OLD_IMAGES", template.path("Resources").path("OrdersTable").path("Properties")
                .path("StreamSpecification").path("StreamViewType").asText());
        // The code's default names are the template's names for the default stage.
        String stage = template.path("Parameters").path("Stage").path("Default").asText();
        assertEquals(new TableNames("crm-profiles-" + stage, "crm-orders-" + stage), TableNames.DEFAULT);
    }

    @Test
    void everyEventFileBelongsToAFunction() throws IOException {
        try (Stream<Path> events = Files.list(ROOT.resolve("events"))) {
            List<Path> files = events.filter(p -> p.toString().endsWith(".json")).toList();
            assertFalse(files.isEmpty());
            for (Path file : files) {
                String function = file.getFileName().toString().replaceFirst("(-[a-z0-9]+)*\\.json$", "");
                assertTrue(funqFunctions.contains(function), file + " names no function of " + funqFunctions);
                new ObjectMapper().readTree(file.toFile());
            }
        }
    }

    private static void assertTable(JsonNode resource, CreateTableRequest code) {
        JsonNode props = resource.path("Properties");
        assertEquals(code.billingModeAsString(), props.path("BillingMode").asText());
        List<String> keys = new ArrayList<>();
        props.path("KeySchema").forEach(k -> keys.add(k.path("AttributeName").asText() + ":" + k.path("KeyType").asText()));
        assertEquals(code.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList(), keys);
        Set<String> attributes = new HashSet<>();
        props.path("AttributeDefinitions").forEach(a -> attributes.add(a.path("AttributeName").asText() + ":" + a.path("AttributeType").asText()));
        Set<String> expected = new HashSet<>();
        code.attributeDefinitions().forEach(a -> expected.add(a.attributeName() + ":" + a.attributeTypeAsString()));
        assertEquals(expected, attributes);
        assertTrue(code.keySchema().stream().map(KeySchemaElement::attributeName).allMatch(n -> attributes.stream().anyMatch(a -> a.startsWith(n + ":"))));
    }

    /** The names of every {@code @Funq} method compiled into the function module. */
    private static Set<String> funqFunctions(Path classes) throws IOException, ClassNotFoundException {
        Set<String> names = new HashSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$")).toList();
        }
        for (Path file : files) {
            String className = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            for (Method m : Class.forName(className, false, TemplateTest.class.getClassLoader()).getDeclaredMethods()) {
                Funq funq = m.getAnnotation(Funq.class);
                if (funq != null) {
                    names.add(funq.value().isEmpty() ? m.getName() : funq.value());
                }
            }
        }
        return names;
    }
}

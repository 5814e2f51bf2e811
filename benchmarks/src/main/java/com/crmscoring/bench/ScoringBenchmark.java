package com.crmscoring.bench;

import ai.onnxruntime.OrtEnvironment;
import com.crmscoring.scoring.churn.ChurnScorer;
import com.crmscoring.scoring.config.ScoringFactory;
import com.crmscoring.scoring.fraud.FraudScorer;
import com.crmscoring.scoring.offer.NextBestOfferScorer;
import com.crmscoring.scoring.overview.CustomerOverviewScorer;
import com.crmscoring.scoring.score.CustomerFeatures;
import com.crmscoring.scoring.segment.SegmentScorer;
import com.crmscoring.scoring.value.LifetimeValueScorer;
import com.crmscoring.shared.domain.Order;
import com.crmscoring.shared.features.FeatureSource;
import com.crmscoring.shared.features.FeatureVectorizer;
import com.crmscoring.shared.model.OnnxModel;
import com.crmscoring.shared.model.ServedModel;
import com.crmscoring.training.binary.BinaryDataset;
import com.crmscoring.training.binary.BinaryFamilies;
import com.crmscoring.training.binary.BinaryTrainer;
import com.crmscoring.training.churn.ChurnDataset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * In-process scoring, without DynamoDB: one customer through each scorer (vectorize, one ONNX
 * run holding the customer and one row per attribute for the reasons, answer), all personal
 * scores of one customer, a campaign batch of 1,000, and the churn model's bare score in ONNX
 * Runtime against the same model family fitted and scored by Tribuo in this JVM.
 *
 * <p>Customers rotate over 1,000 real ones so that no branch or cache sees one row only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScoringBenchmark {

    static final int CUSTOMERS = 1_000;

    private BenchData data;
    private ScoringFactory scoring;
    private OnnxModel churnModel;
    private List<OnnxModel> models;
    private ChurnScorer churn;
    /** Churn with the previous quarter's version in shadow at a 10 % share: what shadowing costs the live request. */
    private ScoringFactory shadowed;
    private ChurnScorer churnShadowed;
    private SegmentScorer segment;
    private LifetimeValueScorer value;
    private NextBestOfferScorer offers;
    private FraudScorer fraud;
    private CustomerOverviewScorer profile;
    private Model<Label> tribuoChurn;
    private FeatureVectorizer tribuoVectorizer;
    private String[] tribuoNames;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dataDir = Path.of(System.getProperty("crm.data.dir", "../shared/data"));
        data = BenchData.load(dataDir, CUSTOMERS);
        scoring = new ScoringFactory(data.store, null, null, OrtEnvironment::getEnvironment,
                ScoringFactory.Settings.defaults().withClock(Clock.fixed(BenchData.AS_OF, ZoneOffset.UTC)));
        churnModel = scoring.model(ServedModel.CHURN);
        models = List.of(churnModel, scoring.model(ServedModel.SEGMENTS), scoring.model(ServedModel.LIFETIME_VALUE),
                scoring.model(ServedModel.NEXT_BEST_OFFER));
        churn = scoring.churn();
        shadowed = new ScoringFactory(data.store, null, null, OrtEnvironment::getEnvironment,
                ScoringFactory.Settings.defaults().withClock(Clock.fixed(BenchData.AS_OF, ZoneOffset.UTC))
                        .withChallenger(ServedModel.CHURN, new ScoringFactory.Challenger("models/challengers/churn.onnx", 0.1)));
        churnShadowed = shadowed.churn();
        segment = scoring.segment();
        value = scoring.lifetimeValue();
        offers = scoring.nextBestOffer();
        fraud = scoring.fraud();
        profile = scoring.overview();
        fitTribuoChurn(data.allOrders);
    }

    /** The churn model's chosen family and seed (from its card), fitted by Tribuo on the same rows. */
    private void fitTribuoChurn(List<Order> orders) throws IOException {
        JsonNode card;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("models/churn.card.json")) {
            card = new ObjectMapper().readTree(in);
        }
        Instant cutoff = ChurnDataset.observationEnd(orders).minus(ChurnDataset.HORIZON);
        List<ChurnDataset.Row> rows = ChurnDataset.build(orders, cutoff);
        BinaryTrainer trainer = new BinaryTrainer(BinaryFamilies.exportable(), 2, card.path("seed").asLong(), line -> { });
        BinaryTrainer.Fitted fitted = trainer.fitAll(card.path("chosen").asText(),
                new BinaryDataset(ChurnDataset.sources(rows), ChurnDataset.labels(rows), ChurnDataset.fields(), "benchmark", "n/a"));
        tribuoChurn = fitted.model();
        List<String> columns = fitted.spec().columns();
        tribuoVectorizer = new FeatureVectorizer(fitted.spec(), columns);
        tribuoNames = columns.toArray(String[]::new);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scoring.close();
        shadowed.close();
    }

    private CustomerFeatures nextProfile() {
        next = (next + 1) % CUSTOMERS;
        return data.profiles.get(next);
    }

    @Benchmark
    public Object churnOne() {
        return churn.scoreAll(List.of(nextProfile()));
    }

    @Benchmark
    public Object churnOneShadowed10() {
        return churnShadowed.scoreAll(List.of(nextProfile()));
    }

    @Benchmark
    public Object segmentOne() {
        return segment.scoreAll(List.of(nextProfile()));
    }

    @Benchmark
    public Object lifetimeValueOne() {
        return value.scoreAll(List.of(nextProfile()));
    }

    @Benchmark
    public Object nextBestOfferOne() {
        return offers.scoreAll(List.of(nextProfile()));
    }

    @Benchmark
    public Object fraudOne() {
        next = (next + 1) % CUSTOMERS;
        return fraud.score(data.orders.get(next));
    }

    /** All personal scores of one customer: what profileScore and the API's /scores do after the read. */
    @Benchmark
    public Object profileAllOne() {
        return profile.scoreAll(List.of(nextProfile()));
    }

    /**
     * The same with the features computed for the request's instant from the stored history (the
     * as-of aggregation) included: the whole of profileScore and /scores but the DynamoDB read.
     */
    @Benchmark
    public Object profileAllAsOfOne() {
        return profile.score(nextProfile().customerId(), null);
    }

    /**
     * The four personal models' bare scores for one customer, no reasons, as the scorers compute
     * them (from the parameter tables in the JVM): the floor under profileAllOne.
     */
    @Benchmark
    public float profileAllBareOne() {
        return bareScores(false);
    }

    /** The same four bare scores through ONNX Runtime: one graph run per model, as before the tables. */
    @Benchmark
    public float profileAllBareGraphOne() {
        return bareScores(true);
    }

    private float bareScores(boolean throughOnnxRuntime) {
        List<FeatureSource> row = List.of(nextProfile().attributes());
        float sum = 0;
        for (int m = 0; m < 4; m++) {
            OnnxModel model = models.get(m);
            float[] x = model.batch(row);
            sum += (throughOnnxRuntime ? model.graphScores(x, 1) : model.scores(x, 1))[0];
        }
        return sum;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object profileAllBatch1000() {
        return profile.scoreAll(data.profiles);
    }

    /** The churn model's bare probability, no reasons: vectorize and one ONNX run of one row. */
    @Benchmark
    public float churnBareOnnxOne() {
        float[] row = churnModel.batch(List.of(nextProfile().attributes()));
        return churnModel.graphScores(row, 1)[0];
    }

    /** The same through Tribuo: vectorize with the same code, Tribuo's predict. */
    @Benchmark
    public double churnBareTribuoOne() {
        return tribuoChurn.predict(tribuoExample(nextProfile())).getOutputScores().get(BinaryTrainer.POSITIVE).getScore();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float churnBareOnnxBatch1000() {
        List<FeatureSource> rows = new ArrayList<>(CUSTOMERS);
        data.profiles.forEach(p -> rows.add(p.attributes()));
        return churnModel.graphScores(churnModel.batch(rows), CUSTOMERS)[CUSTOMERS - 1];
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public double churnBareTribuoBatch1000() {
        List<Example<Label>> examples = new ArrayList<>(CUSTOMERS);
        data.profiles.forEach(p -> examples.add(tribuoExample(p)));
        return tribuoChurn.predict(examples).get(CUSTOMERS - 1).getOutputScores().get(BinaryTrainer.POSITIVE).getScore();
    }

    private Example<Label> tribuoExample(CustomerFeatures p) {
        float[] v = new float[tribuoNames.length];
        tribuoVectorizer.encodeInto(p.attributes(), v, 0);
        double[] values = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            values[i] = v[i];
        }
        return new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, tribuoNames, values);
    }
}

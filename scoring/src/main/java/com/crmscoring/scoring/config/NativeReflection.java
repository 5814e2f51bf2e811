package com.crmscoring.scoring.config;

import com.crmscoring.scoring.churn.ChurnScore;
import com.crmscoring.scoring.drift.DriftReport;
import com.crmscoring.scoring.fraud.FraudRequest;
import com.crmscoring.scoring.fraud.FraudScore;
import com.crmscoring.scoring.offer.NextBestOffers;
import com.crmscoring.scoring.overview.BatchRequest;
import com.crmscoring.scoring.overview.BatchResult;
import com.crmscoring.scoring.overview.CustomerOverview;
import com.crmscoring.scoring.score.CustomerRequest;
import com.crmscoring.scoring.score.Reason;
import com.crmscoring.scoring.score.ScoreStatus;
import com.crmscoring.scoring.segment.SegmentScore;
import com.crmscoring.scoring.value.LifetimeValueScore;
import com.crmscoring.shared.clv.BgNbd;
import com.crmscoring.shared.clv.CustomerBaseModel;
import com.crmscoring.shared.clv.GammaGamma;
import com.crmscoring.shared.features.BooleanFeature;
import com.crmscoring.shared.features.CategoricalFeature;
import com.crmscoring.shared.features.FeatureSpec;
import com.crmscoring.shared.features.NumericFeature;
import com.crmscoring.shared.features.NumericTransform;
import com.crmscoring.shared.lifecycle.LifecycleRules;
import com.crmscoring.shared.model.CentroidParameters;
import com.crmscoring.shared.model.DriftReference;
import com.crmscoring.shared.model.LinearParameters;
import com.crmscoring.shared.model.ModelMetadata;
import com.crmscoring.shared.model.SegmentDescription;
import com.crmscoring.shared.model.TreeParameters;
import com.crmscoring.shared.offers.AssociationRule;
import com.crmscoring.shared.offers.Offer;
import com.crmscoring.shared.offers.OfferCatalogue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Everything Jackson reads or writes by reflection, for the native image: requests and answers
 * (Funqy and Quarkus REST register their top-level types, not every nested record), and the
 * model metadata read from each ONNX file at start-up. In JVM mode this class does nothing.
 */
@RegisterForReflection(targets = {
        CustomerRequest.class, BatchRequest.class, FraudRequest.class, FraudRequest.OrderRequest.class,
        FraudRequest.LineRequest.class,
        ChurnScore.class, SegmentScore.class, LifetimeValueScore.class, NextBestOffers.class, NextBestOffers.OfferScore.class,
        FraudScore.class, CustomerOverview.class, BatchResult.class, BatchResult.Entry.class, Reason.class, ScoreStatus.class,
        ModelMetadata.class, FeatureSpec.class, NumericFeature.class, CategoricalFeature.class, BooleanFeature.class,
        NumericTransform.class, SegmentDescription.class, LifecycleRules.class, OfferCatalogue.class, Offer.class,
        AssociationRule.class, CustomerBaseModel.class, BgNbd.class, BgNbd.Variant.class, GammaGamma.class,
        LinearParameters.class, TreeParameters.class, CentroidParameters.class, DriftReference.class, DriftReference.Distribution.class,
        DriftReport.class, DriftReport.ModelDrift.class, DriftReport.Index.class})
public final class NativeReflection {

    private NativeReflection() {
    }
}

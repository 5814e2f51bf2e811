package com.crmscoring.shared.model;

import java.util.List;
import java.util.Map;

/**
 * One customer segment of a clustering model, described for people.
 *
 * @param id             the cluster index, as the model outputs it
 * @param name           a readable name derived from the profile, e.g. "active high-value regulars"
 * @param size           training customers in the segment
 * @param share          their share of all training customers
 * @param medians        typical values of the segment, in original units, by attribute
 * @param distinguishing the attributes that set the segment apart, strongest first, e.g.
 *                       "recencyDays far below average (z = -1.2)"
 */
public record SegmentDescription(int id, String name, int size, double share, Map<String, Double> medians,
                                 List<String> distinguishing) {
}

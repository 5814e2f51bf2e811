package com.crmscoring.shared.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Operations on collections of orders. */
public final class Orders {

    private Orders() {
    }

    /** Orders grouped by customer, customers in id order so that every pass over them is reproducible. */
    public static Map<String, List<Order>> byCustomer(Collection<Order> orders) {
        Map<String, List<Order>> out = new TreeMap<>();
        for (Order o : orders) {
            out.computeIfAbsent(o.customerId(), k -> new ArrayList<>()).add(o);
        }
        return out;
    }
}

package com.crmscoring.shared.retail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.crmscoring.shared.domain.Order;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnlineRetailReaderTest {

    private static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    @Test
    void groupsLinesIntoOrders_andCountsEveryRejectedLineByReason() throws IOException {
        String csv = HEADER
                + "536365,85123A,\"WHITE HANGING HEART, T-LIGHT\",6,2010-12-01T08:26:00,2.55,17850,United Kingdom\n"
                + "536365,71053,WHITE METAL LANTERN,6,2010-12-01T08:26:00,3.39,17850,United Kingdom\n"
                + "C536379,D,Discount,-1,2010-12-01T09:41:00,27.5,14527,United Kingdom\n"
                + "536414,22139,,56,2010-12-01T11:52:00,0,,United Kingdom\n"
                + "A563185,B,Adjust bad debt,1,2011-08-12T14:50:00,11062.06,,United Kingdom\n"
                + "536999,X,thing,-3,2010-12-01T11:52:00,1.0,12345,France\n"
                + "537000,X,thing,two,2010-12-01T11:52:00,1.0,12345,France\n";
        OnlineRetailReader.Result r = new OnlineRetailReader().read(new StringReader(csv), "test");

        assertEquals(7, r.linesRead());
        assertEquals(3, r.linesAccepted());
        assertEquals(4, r.linesRejected());
        assertEquals(Map.of("no CustomerID (guest or internal line)", 2L,
                "negative Quantity outside a cancellation", 1L,
                "Quantity is not a whole number", 1L), r.rejected());
        assertEquals(2, r.orders().size());
        Order first = r.orders().get(0);
        assertEquals("17850", first.customerId());
        assertEquals(2, first.lines().size());
        assertEquals("WHITE HANGING HEART, T-LIGHT", first.lines().get(0).description());
        assertEquals(Instant.parse("2010-12-01T08:26:00Z"), first.orderedAt(), "London is on UTC in December");
        assertEquals(6 * 2.55 + 6 * 3.39, first.amount(), 1e-9);
        assertTrue(r.orders().get(1).cancellation());
    }

    @Test
    void refusesAFileThatIsNotTheOnlineRetailExport() {
        IOException e = assertThrows(IOException.class,
                () -> new OnlineRetailReader().read(new StringReader("a,b\n1,2\n"), "other.csv"));
        assertTrue(e.getMessage().contains("expected the Online Retail header"), e.getMessage());
    }

    @Test
    void readsTheRealDataSet_accountingForEveryLine() throws IOException {
        Path file = Path.of(System.getProperty("crm.data.dir", "../../shared/data"), "online-retail.csv.gz");
        assumeTrue(Files.exists(file), "the public data set is absent: " + file.toAbsolutePath());
        OnlineRetailReader.Result r = new OnlineRetailReader().read(file);
        assertEquals(541_909, r.linesRead(), "the data README's line count");
        assertEquals(r.linesRead(), r.linesAccepted() + r.linesRejected());
        assertEquals(135_080, r.rejected().get("no CustomerID (guest or internal line)"), "the data README's count");
        long customers = r.orders().stream().map(Order::customerId).distinct().count();
        assertEquals(4_372, customers, "the data README's customer count");
    }
}

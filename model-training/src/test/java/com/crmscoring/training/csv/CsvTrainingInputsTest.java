package com.crmscoring.training.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crmscoring.shared.features.FeatureField;
import com.crmscoring.training.binary.BinaryFamilies;
import com.crmscoring.training.binary.BinaryPipeline;
import com.crmscoring.training.binary.BinaryTrainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shop's own CSV is the input most likely to be wrong; every refusal must say what to fix.
 * The errors are raised before any training starts, so these tests go through
 * {@link CsvTraining#train} as the command does.
 */
class CsvTrainingInputsTest {

    @TempDir
    Path dir;

    private final List<String> progress = new ArrayList<>();

    private CsvTraining training() {
        BinaryTrainer trainer = new BinaryTrainer(BinaryFamilies.exportable(), 5, 42L, progress::add);
        return new CsvTraining(new BinaryPipeline(trainer, 42L), progress::add);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** Twenty rows with an id, a number, a category and a yes/no target. */
    private Path customers() throws IOException {
        StringBuilder csv = new StringBuilder("customerID,charges,plan,notes,churn\n");
        Random random = new Random(1);
        for (int i = 0; i < 20; i++) {
            csv.append("C-").append(1000 + i).append(',')
                    .append(10 + random.nextInt(5)).append(".5,")
                    .append(i % 2 == 0 ? "basic" : "premium").append(",,")
                    .append(i % 3 == 0 ? "Yes" : "No").append('\n');
        }
        return write("customers.csv", csv.toString());
    }

    private static Map<String, ColumnInference.Decision> byColumn(List<ColumnInference.Decision> decisions) {
        return decisions.stream().collect(Collectors.toMap(ColumnInference.Decision::column, Function.identity()));
    }

    @Test
    void missingFile_isAnIOExceptionNamingThePath() {
        Path absent = dir.resolve("nowhere.csv");
        IOException e = assertThrows(IOException.class,
                () -> training().train("m", absent, "churn", "Yes", Set.of(), Set.of(), chosen -> List.of()));
        assertTrue(e.getMessage().contains(absent.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no such CSV file"), e.getMessage());
    }

    @Test
    void unknownTarget_listsTheColumns() throws IOException {
        Path file = customers();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> training().train("m", file, "Churn", "Yes", Set.of("notes"), Set.of(), chosen -> List.of()));
        assertTrue(e.getMessage().contains("'Churn'"), e.getMessage());
        assertTrue(e.getMessage().contains("[customerID, charges, plan, notes, churn]"), e.getMessage());
    }

    @Test
    void absentPositiveValue_namesTheValuesTheTargetHolds() throws IOException {
        Path file = customers();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> training().train("m", file, "churn", "churned", Set.of("notes"), Set.of(), chosen -> List.of()));
        assertTrue(e.getMessage().contains("'churned' never occurs in column 'churn'"), e.getMessage());
        assertTrue(e.getMessage().contains("[No]") && e.getMessage().contains("[Yes]"), e.getMessage());
    }

    @Test
    void targetWithOneClass_isRefused() throws IOException {
        Path file = write("one-class.csv", "x,y\n1.5,No\n2.5,No\n3.5,No\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> training().train("m", file, "y", "No", Set.of(), Set.of(), chosen -> List.of()));
        assertTrue(e.getMessage().contains("single class"), e.getMessage());
        assertTrue(e.getMessage().contains("'y'"), e.getMessage());
    }

    @Test
    void blankTargetValue_namesTheDataRow() throws IOException {
        Path file = write("blank-target.csv", "x,y\n1.5,No\n2.5,\n3.5,Yes\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> training().train("m", file, "y", "Yes", Set.of(), Set.of(), chosen -> List.of()));
        assertTrue(e.getMessage().contains("data row 2"), e.getMessage());
    }

    @Test
    void columnEmptyInEveryRow_isNamedWithTheWayOut() throws IOException {
        Path file = customers();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> training().train("m", file, "churn", "Yes", Set.of(), Set.of(), chosen -> List.of()));
        assertTrue(e.getMessage().contains("column 'notes' is empty in every row"), e.getMessage());
        assertTrue(e.getMessage().contains("--exclude notes"), e.getMessage());
    }

    @Test
    void rowWithTheWrongNumberOfFields_namesItsLine() throws IOException {
        Path file = write("short-row.csv", "a,b,y\n1.5,2.5,No\n3.5,Yes\n4.5,5.5,No\n");
        IOException e = assertThrows(IOException.class,
                () -> training().train("m", file, "y", "Yes", Set.of(), Set.of(), chosen -> List.of()));
        assertTrue(e.getMessage().contains("line 3 "), "the short row is the file's third line: " + e.getMessage());
        assertTrue(e.getMessage().contains("has 2 fields but the header has 3"), e.getMessage());
    }

    @Test
    void rowWithTooManyFields_namesItsLineEvenAtTheEndOfAFileWithoutNewline() throws IOException {
        Path file = write("long-row.csv", "a,b,y\n1.5,2.5,No\n3.5,4.5,Yes\n4.5,5.5,No,extra");
        IOException e = assertThrows(IOException.class, () -> CsvTable.read(file));
        assertTrue(e.getMessage().contains("line 4 "), "the long row is the file's fourth line: " + e.getMessage());
        assertTrue(e.getMessage().contains("has 4 fields"), e.getMessage());
    }

    @Test
    void excludeNamingAnUnknownColumn_isRefused() throws IOException {
        Path file = customers();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> training().train("m", file, "churn", "Yes", Set.of("notes", "note"), Set.of(), chosen -> List.of()));
        assertTrue(e.getMessage().contains("--exclude"), e.getMessage());
        assertTrue(e.getMessage().contains("'note'"), e.getMessage());
    }

    @Test
    void emptyFileAndHeaderOnlyFile_areRefused() throws IOException {
        Path empty = write("empty.csv", "");
        Path headerOnly = write("header-only.csv", "a,b,y\n");
        assertTrue(assertThrows(IOException.class, () -> CsvTable.read(empty)).getMessage().contains("empty"));
        assertTrue(assertThrows(IOException.class, () -> CsvTable.read(headerOnly)).getMessage().contains("no rows"));
    }

    @Test
    void duplicateHeader_isAnIOException() throws IOException {
        Path file = write("dup.csv", "a,a,y\n1,2,No\n");
        IOException e = assertThrows(IOException.class, () -> CsvTable.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void inference_marksIdsNumbersAndCategories() throws IOException {
        Path file = customers();
        CsvTable table = CsvTable.read(file);

        Map<String, ColumnInference.Decision> d = byColumn(ColumnInference.infer(table, "churn", Set.of("notes"), Set.of()));

        assertEquals(Set.of("customerID", "charges", "plan", "notes"), d.keySet(), "the target is not a feature");
        assertEquals("identifier", d.get("customerID").kind());
        assertNull(d.get("customerID").field(), "an identifier is not a feature");
        assertEquals("numeric", d.get("charges").kind());
        assertEquals(FeatureField.Type.NUMERIC, d.get("charges").field().type());
        assertEquals("categorical", d.get("plan").kind());
        assertEquals(FeatureField.Type.CATEGORICAL, d.get("plan").field().type());
        assertEquals("excluded", d.get("notes").kind());
    }

    @Test
    void inference_treatsUniqueIntegersAsIdentifiersAndFreeTextAsUnusable() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(new String[] {Integer.toString(5000 + i), "comment number " + i, i < 6 ? "1" : "0.5",
                    Integer.toString(i % 3), i % 2 == 0 ? "Yes" : "No"});
        }
        CsvTable table = new CsvTable(Path.of("t.csv"), List.of("ref", "comment", "rate", "visits", "y"), rows);

        Map<String, ColumnInference.Decision> d = byColumn(ColumnInference.infer(table, "y", Set.of(), Set.of()));

        assertEquals("identifier", d.get("ref").kind(), "a different whole number in every row is a key");
        assertEquals("identifier", d.get("comment").kind(), "unique text is no category");
        assertEquals("numeric", d.get("rate").kind());
        assertEquals("numeric", d.get("visits").kind(), "repeated whole numbers are a count");
    }

    @Test
    void semicolonDelimitedFile_isRead() throws IOException {
        Path file = write("bank.csv", "age;job;\"balance\";y\n30;\"admin.\";1787;no\n33;\"services, other\";4789;yes\n");

        CsvTable table = CsvTable.read(file);

        assertEquals(List.of("age", "job", "balance", "y"), table.header());
        assertEquals(2, table.rows().size());
        assertEquals("services, other", table.rows().get(1)[1], "a comma inside a semicolon file is data");
        assertEquals("yes", table.rows().get(1)[3]);
    }

    @Test
    void prepare_mapsTheTargetAndReadsBlankCellsAsMissing() throws IOException {
        Path file = write("small.csv", "id,score,plan,y\n1,0.5,a,Yes\n2,,b,No\n3,1.5,a,No\n");
        CsvTable table = CsvTable.read(file);

        CsvBinaryData.Prepared prepared = CsvBinaryData.prepare(table, "y", "Yes", Set.of(), Set.of(), "fp");

        assertEquals(1, prepared.dataset().positives());
        assertTrue(prepared.dataset().positive()[0]);
        assertNull(prepared.dataset().rows().get(1).value("score"));
        assertNotNull(prepared.dataset().rows().get(0).value("score"));
        assertEquals("b", prepared.dataset().rows().get(1).value("plan"));
        assertNull(prepared.dataset().rows().get(0).value("y-not-a-column"));
    }

    @Test
    void byteOrderMark_isNotPartOfTheFirstColumnName() throws IOException {
        // Excel's "CSV UTF-8" export starts the file with a BOM; the first column must keep its name.
        Path file = write("excel.csv", "\uFEFFchurn,charges\nYes,1.5\nNo,2.5\n");
        CsvTable table = CsvTable.read(file);
        assertEquals("churn", table.header().get(0));
        assertEquals(0, table.column("churn"));
    }

    /** Issue #9: a file joined from two exports spells the target TRUE/FALSE in one part and True/False in the other. */
    @Test
    void targetSpelledInTwoCases_isNormalisedAndSaidSo() throws IOException {
        StringBuilder csv = new StringBuilder("x,Exited\n");
        for (int i = 0; i < 40; i++) {
            boolean yes = i % 4 == 0;
            String spelled = i < 20 ? (yes ? "TRUE" : "FALSE") : (yes ? " True" : "False ");
            csv.append(i).append(".5,").append(spelled).append('\n');
        }
        CsvTable table = CsvTable.read(write("joined.csv", csv.toString()));

        CsvBinaryData.Prepared prepared = CsvBinaryData.prepare(table, "Exited", "True", Set.of(), Set.of(), "fp");

        assertEquals(10, prepared.dataset().positives(), "every tenth-of-four row is positive, whatever its spelling");
        assertEquals(2, prepared.targetNotes().size(), prepared.targetNotes().toString());
        assertTrue(prepared.targetNotes().get(1).contains("TRUE") && prepared.targetNotes().get(1).contains(" True"),
                prepared.targetNotes().toString());
    }

    @Test
    void targetWithThreeValues_isRefusedWithTheValuesAndTheirCounts() throws IOException {
        Path file = write("three.csv", "x,y\n1.5,Yes\n2.5,No\n3.5,Maybe\n4.5,No\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> training().train("m", file, "y", "Yes", Set.of(), Set.of(), chosen -> List.of()));
        assertTrue(e.getMessage().contains("holds 3") && e.getMessage().contains("'No' 2") && e.getMessage().contains("'Maybe' 1"),
                e.getMessage());
    }

    @Test
    void positiveValueMatchingNoRow_isRefused() throws IOException {
        Path file = write("no-positive.csv", "x,y\n1.5,Yes\n2.5,No\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> training().train("m", file, "y", "1", Set.of(), Set.of(), chosen -> List.of()));
        assertTrue(e.getMessage().contains("never occurs"), e.getMessage());
    }

    /** A bank-churn style file: the personal columns must not become features unless asked for. */
    private CsvTable personal() {
        List<String[]> rows = new ArrayList<>();
        String[] surnames = {"Hargrave", "Hill", "Onio", "Boni", "Mitchell", "Chu", "Bartlett", "Obinna"};
        for (int i = 0; i < 40; i++) {
            rows.add(new String[] {Integer.toString(15_600_000 + i * 7 % 39), surnames[i % surnames.length],
                    "user" + i + "@example.org", "+44 20 7946 " + (1000 + i), (10 + i) + " Baker Street", i % 2 == 0 ? "France" : "Spain",
                    Integer.toString(600 + i % 7), i % 3 == 0 ? "1" : "0"});
        }
        return new CsvTable(Path.of("bank-churn.csv"), List.of("CustomerId", "Surname", "contact", "tel", "home", "Geography",
                "CreditScore", "Exited"), rows);
    }

    @Test
    void personalDataAndIdentifiers_areExcludedByDefault_andSaySo() {
        Map<String, ColumnInference.Decision> d = byColumn(ColumnInference.infer(personal(), "Exited", Set.of(), Set.of()));

        assertEquals("personal data", d.get("Surname").kind(), "a name column, by its name, although only 8 values repeat");
        assertEquals("personal data", d.get("contact").kind(), "e-mail addresses, by their values");
        assertEquals("personal data", d.get("tel").kind(), "phone numbers, by their values");
        assertEquals("personal data", d.get("home").kind(), "street addresses, by their values");
        assertEquals("identifier", d.get("CustomerId").kind());
        assertTrue(d.get("Surname").reason().contains("--include Surname"), d.get("Surname").reason());
        d.values().stream().filter(x -> !x.kind().equals("numeric") && !x.kind().equals("categorical"))
                .forEach(x -> assertNull(x.field(), x.column() + " must not be a feature"));
        assertEquals("categorical", d.get("Geography").kind());
        assertEquals("numeric", d.get("CreditScore").kind());
    }

    @Test
    void includeBringsOneColumnBack_andTheDecisionSaysItWasAskedFor() {
        Map<String, ColumnInference.Decision> d = byColumn(ColumnInference.infer(personal(), "Exited", Set.of(), Set.of("Surname")));

        assertEquals("categorical", d.get("Surname").kind());
        assertNotNull(d.get("Surname").field());
        assertTrue(d.get("Surname").reason().contains("included on request"));
        assertEquals("personal data", d.get("contact").kind(), "only the named column comes back");
    }

    @Test
    void includeNamingAnUnknownColumn_isRefused() throws IOException {
        Path file = customers();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> training().train("m", file, "churn", "Yes", Set.of("notes"), Set.of("Name"), chosen -> List.of()));
        assertTrue(e.getMessage().contains("--include names column 'Name'"), e.getMessage());
    }
}

package io.lotse.bot.intents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntentRecognizerTests {

    private static Intent intent(String text) {
        return IntentRecognizer.recognise(text, false).intent();
    }

    private static Intent inGuide(String text) {
        return IntentRecognizer.recognise(text, true).intent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hallo", "hallo!", "Guten Tag", "Guten Morgen :)", "Moin", "Moin moin", "Servus",
            "Grüß Gott", "Hallo zusammen", "Morgen!", "Hi", "Hello", "Hey there", "Good morning", "good evening",
            "Hi, how are you?"})
    void greetingsInBothLanguages(String text) {
        assertThat(intent(text)).isEqualTo(Intent.GREETING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Danke", "Danke!", "Vielen Dank", "vielen dank für ihre hilfe", "Dankeschön",
            "Danke schön", "super, danke", "Thanks", "Thank you", "thank you so much!", "Cheers", "thx",
            "Thanks for your help", "Hallo und danke", "Ich danke Ihnen"})
    void thanksInBothLanguages(String text) {
        assertThat(intent(text)).isEqualTo(Intent.THANKS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tschüss", "tschüs", "Tschuess", "Auf Wiedersehen", "Danke, tschüss!", "Bye",
            "bye bye", "See you", "Goodbye", "thanks, bye", "Have a nice day", "Schönen Tag noch!",
            "Einen schönen Tag noch", "Good night", "Tschö"})
    void goodbyesInBothLanguages(String text) {
        assertThat(intent(text)).isEqualTo(Intent.GOODBYE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Ich möchte mit einem Mitarbeiter sprechen",
        "ich moechte mit einem mitarbeiter sprechen",
        "Ich mochte mit einer Mitarbeiterin sprechen",
        "Ich will einen echten Menschen",
        "echter Mensch",
        "Kann ich mit einem Menschen reden?",
        "Ich würde gern mit einem Menschen reden",
        "Kundenservice anrufen",
        "Mitarbeiter bitte",
        "Mitarbeiter!",
        "Verbinden Sie mich bitte mit einem Berater",
        "Ich will nicht mit einem Bot sprechen",
        "Hallo, ich möchte mit jemandem sprechen",
        "agent please",
        "Agent, please!",
        "talk to a human",
        "I want to talk to a human",
        "Can I speak to someone?",
        "real person",
        "I need a real person please",
        "representative",
        "Representative!",
        "Can I get a customer service representative?",
        "connect me to an agent",
        "I don't want to talk to a bot",
        "speak with a live agent",
        "kann ich jemanden anrufen",
        "Kann ich jemanden anrufen?",
        "Kann ich einen Mitarbeiter sprechen?",
        "Kann ich Sie anrufen?",
        "Hallo, ist da jemand?",
        "talk to a real person",
        "Can I call someone?",
        "is there a human?"})
    void wishForAPersonInBothLanguages(String text) {
        assertThat(intent(text)).isEqualTo(Intent.HUMAN);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Am I talking to a real person?",
        "am i talking to a real live person",
        "is it true your a real person",
        "Could you tell me if you're a real person?",
        "Are you a bot?",
        "are you real or fake",
        "Are you a human or a bot?",
        "So are you human?",
        "is this a bot",
        "You sound like a robot",
        "Bist du ein Bot?",
        "Sind Sie ein echter Mensch?",
        "Spreche ich hier mit einem Menschen oder einer Maschine?",
        "Bin ich mit einem echten Mitarbeiter verbunden?",
        "Ist das eine KI?",
        "Hallo, sind Sie ein Roboter?",
        "Sag mal ehrlich, bist du ein Mensch?",
        "Who am I talking to?",
        "Mit wem spreche ich hier eigentlich?"})
    void theQuestionWhetherTheBotIsAPersonInBothLanguages(String text) {
        assertThat(intent(text)).isEqualTo(Intent.BOT_IDENTITY);
    }

    @Test
    void aQuestionWhetherTheBotIsAPersonThatSaysMoreIsWhatItSaysBesides() {
        assertThat(intent("Are you a bot? I want to talk to a person")).isEqualTo(Intent.HUMAN);
        assertThat(intent("Bist du ein Bot? Verbinden Sie mich mit einem Mitarbeiter")).isEqualTo(Intent.HUMAN);
        assertThat(intent("Bist du ein Bot? Das hilft mir nicht")).isEqualTo(Intent.FRUSTRATION);
        assertThat(intent("Is this a bot? Where is my parcel?")).isEqualTo(Intent.QUESTION);
        assertThat(intent("I want to talk to a real person")).isEqualTo(Intent.HUMAN);
        assertThat(intent("Du bist ein dummer Bot")).isEqualTo(Intent.FRUSTRATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Is it real leather?",
        "Ist das echt?",
        "Are you open on Sundays?",
        "Sind Sie am Samstag erreichbar?",
        "Is this a program for students?",
        "What is your AI policy?",
        "Ist das Programm kostenlos?"})
    void questionsThatOnlyLookLikeAskingWhatTheBotIsStayQuestions(String text) {
        assertThat(intent(text)).isEqualTo(Intent.QUESTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Wie füge ich einen Mitarbeiter zu meinem Konto hinzu?",
        "Können meine Mitarbeiter auch bestellen?",
        "Gibt es einen Mitarbeiterrabatt?",
        "Ich möchte einen Mitarbeiter hinzufügen",
        "Wie viele Mitarbeiter können das Konto nutzen?",
        "How do I add an agent to my team account?",
        "Is the shipping address of a person required?",
        "How do I connect my printer?",
        "Wie kann ich meine Mitarbeiterin anrufen lassen?",
        "Was kostet ein Anruf beim Kundenservice?",
        "Is there a person who can sign for the parcel?"})
    void questionsThatMentionPeopleStayQuestions(String text) {
        assertThat(intent(text)).isEqualTo(Intent.QUESTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Das hilft nicht", "das hilft mir überhaupt nicht", "Nutzlos!", "Blöder Bot",
            "bloeder bot", "Sie verstehen mich nicht", "Danke, das hilft nicht", "This is useless",
            "you're not helping", "You are not helpful", "stupid bot", "wtf", "WTF?!", "that didn't help",
            "Mist!", "So ein Mist", "Das ist doch Quatsch", "Nutzlos.", "hilft nicht", "not helpful",
            "what the fuck", "Sie verstehen mich einfach überhaupt nicht"})
    void frustrationInBothLanguages(String text) {
        assertThat(intent(text)).isEqualTo(Intent.FRUSTRATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mist, mein Router geht nicht", "Scheiß Router, kein Internet", "My router is useless",
            "Is my old voucher useless now?", "Der Router hilft nicht", "Das Ladegerät ist unbrauchbar"})
    void aCurseOrVerdictAboutSomethingElseIsAQuestion(String text) {
        assertThat(intent(text)).isEqualTo(Intent.QUESTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Das ist doch totaler Mist!!! Ihr seid unfähig", "Ihr seid unfähig", "Ihr seid so unfähig!",
            "Seid ihr eigentlich völlig inkompetent?!", "Euer Service ist eine Katastrophe", "Ihr Service ist das Letzte.",
            "Der Kundenservice ist echt unterirdisch", "Was für ein Saftladen, wo ist mein Paket?",
            "Unfähiger Haufen!", "Ihr Idioten, mein Paket ist kaputt", "Das ist eine Frechheit, dass das so lange dauert",
            "Euer Laden ist der letzte Mist!!!", "Dein Support ist ein Witz", "Seid ihr unfähig?"})
    void insultsOfTheCompanyItsTeamOrServiceInGerman(String text) {
        assertThat(intent(text)).isEqualTo(Intent.FRUSTRATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"This is ridiculous, your service is useless!!!", "your service is useless",
            "You people are incompetent", "you guys are a joke", "Your company is the worst",
            "Your customer service is absolutely terrible.", "Worst customer service ever",
            "You incompetent idiots, where is my refund?", "What a joke", "This is unacceptable",
            "That's outrageous", "useless company"})
    void insultsOfTheCompanyItsTeamOrServiceInEnglish(String text) {
        assertThat(intent(text)).isEqualTo(Intent.FRUSTRATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Es reicht!", "Es reicht mir jetzt wirklich.", "Mir reicht's!", "mir reichts",
            "Jetzt reicht's aber!", "Ich habe die Nase voll", "Ich hab echt die Schnauze voll von euch",
            "Ich hab's satt", "Ich bin es leid, wo ist meine Rechnung?", "Ich bin so genervt", "Ich bin stinksauer",
            "Genug ist genug.", "Wie oft denn noch?", "Wie oft muss ich das noch fragen?",
            "Ich frage jetzt zum dritten Mal nach meiner Erstattung", "Ich habe es schon dreimal geschrieben",
            "Das kann doch nicht wahr sein", "Ist das Ihr Ernst?", "Es reicht! Ich will mein Geld zurück",
            "Das gibt es doch nicht!"})
    void exasperationInGerman(String text) {
        assertThat(intent(text)).isEqualTo(Intent.FRUSTRATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"I'm fed up", "I am so fed up with this", "I've had enough!", "I have had enough.",
            "I've had it with you", "I'm sick of this", "sick and tired of waiting", "Enough is enough",
            "I'm so frustrated", "I am really annoyed", "How many times do I have to ask?",
            "I've told you three times already", "For the third time, where is my card?", "You must be joking",
            "Give me a break!", "I've had enough. Cancel my account", "I am done with your service",
            "I'm done with this!"})
    void exasperationInEnglish(String text) {
        assertThat(intent(text)).isEqualTo(Intent.FRUSTRATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Totaler Mist!!!", "Das ist doch totaler Mist!!!", "So ein Mist!!! Wo ist mein Paket?",
            "Nutzlos??? Ich brauche meine Rechnung", "Mein Router ist totaler Mist!!!", "Unglaublich!!!",
            "Ernsthaft?!", "Echt jetzt?!?!", "Complete garbage!!!", "Useless!! Where is my card?",
            "My fucking card got declined!!", "Seriously?!", "Really???", "Unbelievable!!!"})
    void cursesAndExasperationWithEmphasis(String text) {
        assertThat(intent(text)).isEqualTo(Intent.FRUSTRATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Wo ist mein Paket???", "Wo bleibt meine Bestellung!!!", "Where is my card???",
            "Why was I charged twice?!?!", "Wie lange dauert der Versand?!", "Hilfe!!!", "Hallo???", "Ist das echt?!",
            "Mist, mein Router geht nicht!!!", "Scheiß Router, kein Internet!!", "Is my voucher useless now???"})
    void repeatedMarksAloneOnAQuestionAreAQuestion(String text) {
        assertThat(intent(text)).isIn(Intent.QUESTION, Intent.GREETING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ist das Produkt nutzlos, wenn ich kein WLAN habe?", "Is my voucher useless now?",
            "Reicht es, wenn ich die Rechnung per Mail schicke?", "Es reicht mir, wenn Sie mir eine Mail schicken",
            "Ich habe zehn Euro überwiesen. Reicht es?", "Mir reicht das Guthaben nicht", "Das reicht, danke",
            "Ist Ihr Service am Wochenende erreichbar?", "Ihr Service ist schlecht erreichbar, gibt es eine Mail?",
            "Ist der Support kostenlos?", "Wie werde ich Mitarbeiter in eurem Team?",
            "Gibt es das nicht in Blau?", "Ich habe genug Punkte für einen Gutschein?",
            "Ich habe den Router schon dreimal neu gestartet", "Ich bestelle zum dritten Mal bei euch, gibt es Rabatt?",
            "Was ist das Schlechteste, das passieren kann?", "Tell me a joke", "Is your service available on Sundays?",
            "What is the worst case for delivery times?", "Are you open on holidays?", "I am done with step 2",
            "I'm tired, can I pay tomorrow?", "How many times can I change my PIN?",
            "Is the card useless if it expires?", "What happens if you are late with delivery?",
            "Your service is great", "I already told my bank, what now?", "Mist, mein Router geht nicht",
            "What can I do if the staff is incompetent?", "Das gibt es doch nicht in Rot?",
            "I'm ordering for the third time, any discount?", "I'm done with this step, what next?",
            "I'm done with it, how do I return it?"})
    void calmQuestionsThatLookLikeFrustrationStayQuestions(String text) {
        assertThat(intent(text)).isIn(Intent.QUESTION, Intent.THANKS);
    }

    @Test
    void longRepetitiveMessagesDoNotExhaustTheStack() throws InterruptedException {
        String[] texts = {"das hilft " + "echt ".repeat(20_000) + "nicht", "this is " + "so ".repeat(30_000) + "useless",
            "you are " + "so ".repeat(30_000), "a'".repeat(50_000), "Hallo " + "Frage ".repeat(20_000),
            "ihr seid " + "so ".repeat(30_000) + "unfähig", "your service is " + "so ".repeat(30_000) + "bad",
            "Mist " + "!".repeat(50_000)};
        Intent[] intents = new Intent[texts.length];
        Thread thread = new Thread(null, () -> {
            for (int i = 0; i < texts.length; i++) {
                intents[i] = IntentRecognizer.recognise(texts[i], true).intent();
            }
        }, "small-stack", 256 * 1024);
        thread.start();
        thread.join();

        assertThat(intents).containsExactly(
                Intent.FRUSTRATION, Intent.FRUSTRATION, Intent.QUESTION, Intent.QUESTION, Intent.QUESTION,
                Intent.FRUSTRATION, Intent.QUESTION, Intent.FRUSTRATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ja", "Ja!", "Ja, es funktioniert", "hat geklappt", "Es geht wieder, danke",
            "yes", "Yes, it works now", "it worked", "fixed", "super"})
    void yesInAGuide(String text) {
        assertThat(inGuide(text)).isEqualTo(Intent.YES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nein", "Nein, noch nicht", "leider nicht", "geht immer noch nicht",
            "Ja, aber es geht immer noch nicht", "no", "No, still not working", "didn't work", "nope",
            "das hilft nicht"})
    void noInAGuide(String text) {
        assertThat(inGuide(text)).isEqualTo(Intent.NO);
    }

    @Test
    void yesAndNoOutsideAGuideAreNotGuideAnswers() {
        assertThat(intent("hat geklappt")).isEqualTo(Intent.QUESTION);
        assertThat(intent("didn't work")).isEqualTo(Intent.QUESTION);
        assertThat(intent("ja")).isEqualTo(Intent.ACKNOWLEDGE);
    }

    @Test
    void aNewQuestionInAGuideIsAQuestion() {
        assertThat(inGuide("Wie lange dauert der Versand?")).isEqualTo(Intent.QUESTION);
        assertThat(inGuide("Ja, aber wie lange dauert eigentlich der Versand nach Österreich?"))
                .isEqualTo(Intent.QUESTION);
    }

    @Test
    void aGreetingThatCarriesAQuestionIsAQuestionWithoutTheGreeting() {
        Recognition recognition = IntentRecognizer.recognise("Hallo, wie lange dauert der Versand?", false);

        assertThat(recognition.intent()).isEqualTo(Intent.QUESTION);
        assertThat(recognition.question()).isEqualTo("wie lange dauert der Versand");
        assertThat(recognition.smallTalkRemoved()).isTrue();
        assertThat(recognition.query("Hallo, wie lange dauert der Versand?")).isEqualTo("wie lange dauert der Versand");
    }

    @Test
    void aQuestionWithoutSmallTalkIsSearchedAsTyped() {
        Recognition recognition = IntentRecognizer.recognise("  Wie lange dauert der Versand? ", false);

        assertThat(recognition.question()).isEqualTo("Wie lange dauert der Versand");
        assertThat(recognition.smallTalkRemoved()).isFalse();
        assertThat(recognition.query("  Wie lange dauert der Versand? ")).isEqualTo("Wie lange dauert der Versand?");
    }

    @Test
    void trailingThanksAreNotPartOfTheQuestion() {
        Recognition recognition = IntentRecognizer.recognise(
                "Hi there! How long does shipping take? Thanks a lot!", false);

        assertThat(recognition.intent()).isEqualTo(Intent.QUESTION);
        assertThat(recognition.question()).isEqualTo("How long does shipping take");
    }

    @Test
    void aQuestionStartingWithAWordThatCanGreetIsKeptWhole() {
        Recognition recognition = IntentRecognizer.recognise("Morgen kommt mein Paket?", false);

        assertThat(recognition.intent()).isEqualTo(Intent.QUESTION);
        assertThat(recognition.question()).isEqualTo("Morgen kommt mein Paket");
    }

    @Test
    void aLoneFillerIsAnAcknowledgement() {
        assertThat(intent("ok")).isEqualTo(Intent.ACKNOWLEDGE);
        assertThat(intent("👍")).isEqualTo(Intent.ACKNOWLEDGE);
        assertThat(intent("Alles klar")).isEqualTo(Intent.ACKNOWLEDGE);
    }

    @Test
    void umlautsInPatternsMatchEverySpelling() {
        assertThat("möchte".matches(IntentRecognizer.tolerant("möchte"))).isFalse(); // the text is folded first
        assertThat(Text.fold("Möchte").matches(IntentRecognizer.tolerant("möchte"))).isTrue();
        assertThat("mochte".matches(IntentRecognizer.tolerant("möchte"))).isTrue();
        assertThat(Text.fold("Grüß").matches(IntentRecognizer.tolerant("grüß"))).isTrue();
    }
}

package io.lotse.bot.intents;

import io.lotse.knowledge.Language;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the built-in conversational intents in German and English by curated patterns.
 *
 * <p>Both languages are always checked: a customer on a German page who writes "agent please" gets
 * a person. The patterns run on {@link Text}'s normalised form; an umlaut in a pattern also matches
 * its spelled-out and its plain-vowel form ({@code möchte} matches "möchte", "moechte" and
 * "mochte"). Precision comes first: the wish for a person needs a specific phrasing ("mit einem
 * Mitarbeiter sprechen", "Mitarbeiter bitte"), so that "Wie füge ich einen Mitarbeiter hinzu?"
 * still reaches the knowledge base. Frustration is said about the bot's help ("das hilft nicht",
 * "this is useless"), about the company, its team or service ("Ihr seid unfähig", "your service is
 * useless"), or is exasperation ("mir reicht's", "I'm fed up"); a curse or verdict counts on its
 * own ("Mist!", "nutzlos") or as a sentence of its own with emphasis ("Totaler Mist!!! Wo ist …"),
 * but not when the message goes on to ask something ("Mist, mein Router geht nicht" is searched).
 * Repeated marks alone do not make frustration: "Wo ist mein Paket???" is a question. "Am I talking to a
 * real person?" asks what the bot is, and is not the wish for one, unless the message says that
 * too. Small talk is recognised at the start and end of a message and stripped, so a greeting that
 * carries a question is a question. Stateless and thread-safe.
 */
public final class IntentRecognizer {

    /** Phrases are matched on at most this many words at a time. */
    private static final int LOOKAHEAD = 7;

    /** A yes or no to a guide step is short; anything longer is a new question. */
    private static final int MAX_YES_NO_WORDS = 10;

    private static final Pattern GREETING = prefix(
            "hallo", "hallöchen", "hallihallo", "hello", "hi", "hey", "heya", "hiya", "howdy", "greetings",
            "moin", "moin moin", "moinsen", "servus", "grüß gott", "grüezi", "grüß dich", "grüß euch",
            "guten tag", "guten morgen", "guten abend",
            "good morning", "good afternoon", "good evening", "good day",
            "wie geht es ihnen", "wie geht es dir", "wie gehts", "wie geht s",
            "how are you", "how are you doing", "how is it going", "hows it going");

    private static final Pattern THANKS = prefix(
            "danke", "danke schön", "dankeschön", "danke sehr", "vielen dank", "vielen lieben dank",
            "besten dank", "herzlichen dank", "tausend dank", "merci", "dankesehr", "ich danke ihnen",
            "ich danke dir", "ich danke euch",
            "thanks", "thank you", "thank u", "thankyou", "thx", "ty", "cheers", "many thanks",
            "much appreciated", "appreciate it", "i appreciate it");

    private static final Pattern GOODBYE = prefix(
            "tschüss", "tschüs", "tschau", "ciao", "auf wiedersehen", "auf wiederhören", "bis bald",
            "bis dann", "bis später", "schönen tag", "schönen tag noch", "einen schönen tag",
            "einen schönen tag noch", "schönes wochenende", "gute nacht", "ade", "adieu", "tschö", "tschökes",
            "bye", "bye bye", "goodbye", "good bye", "see you", "see you later", "see ya", "cya",
            "have a nice day", "have a good day", "have a great day", "take care", "good night", "bye for now");

    /** Words that may stand around small talk without making it a question. */
    private static final Set<String> FILLERS = set(
            "ok", "okay", "okey", "oki", "k", "super", "prima", "toll", "klasse", "perfekt", "perfect", "great",
            "cool", "nice", "fein", "gut", "schoen", "sehr", "very", "so", "much", "a", "lot", "nochmal",
            "nochmals", "again", "auch", "also", "too", "und", "and", "dir", "ihnen", "euch", "you", "all",
            "everyone", "everybody", "zusammen", "there", "lotse", "bot", "team", "liebes", "lieber", "liebe",
            "dear", "leute", "folks", "ja", "yes", "yeah", "nein", "no", "nee", "klar", "alles", "passt",
            "verstanden", "got", "it", "understood", "alright", "fine", "sure", "wunderbar", "wonderful",
            "awesome", "top", "genau", "mal", "erstmal", "dann", "then", "for", "now", "jetzt", "schon");

    /** After "danke"/"thanks" these start a tail that belongs to the thanks ("for your help"). */
    private static final Set<String> THANKS_TAIL = set("fuer", "fur", "for");

    private static final Set<String> YES_WORDS = set(
            "ja", "jap", "jep", "jo", "jawohl", "genau", "yes", "yeah", "yep", "yup", "yea", "ya", "y",
            "klappt", "geklappt", "klappts", "funktioniert", "funktionierts", "geht", "gehts",
            "laeuft", "works", "worked", "working", "fixed", "solved", "geloest", "behoben", "hilft", "geholfen",
            "helped", "helps", "super", "prima", "perfekt", "perfect", "great", "toll", "klasse", "excellent",
            "awesome", "wunderbar");

    private static final Set<String> NO_WORDS = set(
            "nein", "nee", "noe", "ne", "no", "nope", "nah", "n", "nicht", "nichts", "nix", "kein", "keine",
            "keinen", "not", "didnt", "doesnt", "dont", "isnt", "wont", "cant", "still", "leider",
            "unfortunately", "sadly", "broken", "kaputt", "failed", "fehlgeschlagen", "weiterhin", "nothing");

    private static final Set<String> YES_NO_FILLERS = set(
            "es", "das", "it", "that", "this", "is", "ist", "hat", "has", "have", "did", "does", "do", "now",
            "jetzt", "wieder", "again", "noch", "immer", "auch", "mein", "my", "der", "die", "the", "problem",
            "danke", "thanks", "thank", "you", "bitte", "please", "ok", "okay", "alles", "all", "schon",
            "mehr", "anymore", "work", "help", "wirklich", "really", "hm", "hmm", "oh", "ah",
            "aber", "but", "sorry", "gut", "good", "fine", "wie", "vorher", "before", "ueberhaupt",
            "at", "gar", "step", "schritt", "der", "dieser", "this", "one", "auch", "either", "too", "so");

    private static final Pattern HUMAN = anywhere(
            // German: "mit einem Mitarbeiter sprechen", "mit einem Menschen reden", "mit jemandem sprechen"
            "(?:mit|zu) (?:einem |einer |nem |ner |dem |der |ihrem |ihrer |eurem |eurer )?"
                    + "(?:echten |richtigen |realen |menschlichen |lebenden |zuständigen )?"
                    + "(?:mitarbeiter(?:in|n)?|menschen|mensch|person|berater(?:in)?|kundenberater(?:in)?"
                    + "|servicemitarbeiter(?:in)?|supportmitarbeiter(?:in)?|agenten|ansprechpartner(?:in)?"
                    + "|jemandem|kundendienst|kundenservice|kundensupport|support|serviceteam|service team)"
                    + " (?:(?:bitte|gerne?|direkt|jetzt|sofort) )?"
                    + "(?:sprechen|reden|verbunden werden|verbinden|chatten|schreiben|telefonieren)",
            "(?:echter|echten|echte|echtes|richtiger|richtigen|richtige|realer|realen|reale|lebender|lebendigen)"
                    + " (?:mensch|menschen|person|mitarbeiter(?:in)?)",
            "(?:mitarbeiter(?:in)?|mensch|menschen|berater(?:in)?|agent|kundenservice|kundendienst) bitte",
            "^bitte (?:einen |eine |mit einem |mit einer )?(?:echten )?(?:mitarbeiter(?:in)?|menschen|mensch)$",
            "(?:kundenservice|kundendienst|hotline|servicehotline|service hotline|kundenbetreuung|callcenter"
                    + "|call center|support) anrufen",
            // "kann ich jemanden anrufen", "Kann ich einen Mitarbeiter sprechen?", "Kann ich Sie anrufen?"
            "(?:jemanden|jemand|einen menschen|einen mitarbeiter|eine mitarbeiterin|einen berater|eine beraterin"
                    + "|einen ansprechpartner|eine ansprechpartnerin) (?:bei ihnen |bei euch )?"
                    + "(?:(?:persönlich|telefonisch|direkt) )?(?:anrufen|sprechen)",
            "^(?:kann|könnte|darf) ich (?:sie|euch|bei ihnen|bei euch) (?:auch )?(?:(?:persönlich|telefonisch) )?"
                    + "(?:anrufen|sprechen)$",
            "^ist (?:da|hier) (?:jemand|ein mensch|ein mitarbeiter|eine mitarbeiterin)$",
            "(?:verbinden sie|verbinde|verbindet|verbinden) mich (?:bitte )?(?:mit|zu) (?:einem |einer |dem |der )?"
                    + "(?:echten )?(?:mitarbeiter(?:in)?|menschen|person|berater(?:in)?|jemandem|kundendienst"
                    + "|kundenservice|support|agenten)",
            "^(?:ich will|ich möchte|ich möchte gerne?|ich hätte gerne?|ich würde gerne?|ich brauche|kann ich"
                    + "|darf ich|könnte ich) (?:bitte )?(?:einen |eine |mit einem |mit einer )?(?:echten |richtigen )?"
                    + "(?:menschen|mensch|mitarbeiter(?:in)?|berater(?:in)?|person)(?: sprechen| haben)?(?: bitte)?$",
            "(?:will|möchte|mag) (?:keinen|nicht mit (?:einem|dem)) (?:bot|chatbot|roboter|computer|maschine)",
            "menschliche(?:n|r)? (?:kontakt|ansprechpartner(?:in)?|mitarbeiter(?:in)?|hilfe|unterstützung)",
            "^(?:einen |eine |ein )?(?:mitarbeiter(?:in)?|mensch|menschen|berater(?:in)?|kundenservice|kundendienst)$",
            // English: "talk to a human", "speak to someone", "agent please", "real person", "representative"
            "(?:talk|speak|chat|talking|speaking) (?:to|with) (?:a |an |the |some |your |one of your )?"
                    + "(?:real |live |actual |human |customer service |support |sales )?"
                    + "(?:human|humans|person|people|agent|agents|representative|rep|operator|someone|somebody"
                    + "|staff|employee|advisor|adviser|manager|supervisor|human being|customer service"
                    + "|customer support|support team|team member|member of staff|support)",
            "(?:real|actual|live|human) (?:person|human|agent|people|being|operator|support|help|assistance"
                    + "|representative)",
            "(?:agent|human|person|representative|operator|someone|somebody|customer service|customer support)"
                    + " please",
            "^(?:an? |the )?(?:agent|human|person|representative|operator|rep|customer service|customer support"
                    + "|live chat)$",
            "(?:a|an|your|customer service|customer support|sales|support|service) representative",
            "(?:connect|transfer|put|pass|forward) me (?:to|through to|through|with|over to) (?:a |an |the |some |your )?"
                    + "(?:real |live |human )?(?:human|person|agent|representative|operator|someone|somebody|staff"
                    + "|support|customer service|team)",
            "^(?:i want|i need|id like|i would like|give me|get me|can i have|can i get|may i have|i wanna"
                    + "|i demand) (?:to (?:talk|speak|chat) (?:to|with) )?(?:a |an |the |some )?(?:real |live |human )?"
                    + "(?:human|person|agent|representative|operator|someone|somebody)(?: please)?$",
            "(?:call|phone|ring) (?:customer service|customer support|your support|the hotline|your hotline"
                    + "|a human|a person|a real person|someone|somebody|an agent|a representative)",
            "^(?:is there|are there) (?:a |an |any )?(?:real |live |actual )?(?:human|humans|person|people|agent"
                    + "|agents)(?: there| here)?$",
            "^(?:is )?(?:anyone|anybody|someone|somebody) (?:there|here)$",
            "(?:dont|do not|didnt) want (?:to (?:talk|speak|chat) (?:to|with) )?(?:a |the |this |your )?"
                    + "(?:bot|robot|machine|chatbot|computer|ai)",
            "(?:anyone|anybody|someone|somebody) (?:i can|i could) (?:talk|speak|chat) (?:to|with)");

    /** What the bot might be taken for, or might not be: a bot, a person. */
    private static final String NOUNS = "human being|human|being|person|bot|robot|chatbot|chat bot|machine"
            + "|computer program|computer|program|software|artificial intelligence|ai|assistant|mensch|menschen"
            + "|roboter|maschine|programm|mitarbeiter(?:in)?|künstliche intelligenz|ki|assistent";

    /** The same said of the bot itself ("Are you real?"); about "this" or "it" it could be a product. */
    private static final String NOUNS_OR_ADJECTIVES = NOUNS + "|real|alive|automated|artificial|fake|someone real"
            + "|somebody real|echt|lebendig";

    /** Words a question about what the bot is may stand between and after ("a real", "ein echter"). */
    private static final String AS_WHAT = "(?:(?:an?|the|real|live|life|actual|actually|really|just|even|still"
            + "|automated|virtual|digital|einem|einer"
            + "|eine|ein|echten|echter|echte|richtigen|richtiger|realen|wirklich|eigentlich|tatsächlich|nur) ){0,3}";

    /**
     * A question whether the customer is talking to a bot or a person ("Am I talking to a real
     * person?", "Bist du ein Bot?"): the bot says what it is and offers a person. It is not the wish
     * for one; "I want to talk to a real person" is.
     */
    private static final Pattern IDENTITY = anywhere(
            "(?:are|r) (?:you|u) " + AS_WHAT + either(NOUNS_OR_ADJECTIVES),
            "(?:youre|you are|your|ur|u r) " + AS_WHAT + either(NOUNS_OR_ADJECTIVES),
            "(?:am i|are we|im|i am) (?:(?:talking|speaking|chatting|writing|texting) (?:to|with)|connected (?:to|with)) "
                    + AS_WHAT + either(NOUNS_OR_ADJECTIVES),
            "(?:is this|is that|is it|this is) " + AS_WHAT + either(NOUNS),
            "(?:you sound|you seem|you talk|you write) like " + AS_WHAT + either(NOUNS),
            "(?:bist du|sind sie|seid ihr|du bist) " + AS_WHAT + either(NOUNS_OR_ADJECTIVES),
            "ist das " + AS_WHAT + either(NOUNS),
            "(?:spreche|rede|schreibe|chatte) ich (?:(?:hier|gerade|jetzt|eigentlich|wirklich|da) ){0,2}(?:mit|zu) "
                    + AS_WHAT + either(NOUNS),
            "bin ich (?:(?:hier|gerade|jetzt|eigentlich|wirklich|da) ){0,2}mit " + AS_WHAT + "(?:" + NOUNS + ")"
                    + "(?: verbunden)?" + orWhat(NOUNS),
            "(?:who|what) (?:am i|are we) (?:talking|speaking|chatting|writing) (?:to|with)",
            "mit wem (?:spreche|rede|schreibe|chatte) ich");

    /** Words that may stand around a question about what the bot is without making it another question. */
    private static final Set<String> IDENTITY_COMPANIONS = folded(
            "so", "ok", "okay", "hey", "hi", "hallo", "is", "it", "true", "tell", "me", "now", "honestly", "honest",
            "be", "please", "just", "really", "actually", "right", "or", "not", "can", "could", "would", "you", "i",
            "need", "want", "to", "know", "may", "if", "whether", "im", "am", "talking", "speaking", "chatting",
            "with", "the", "a", "an", "are", "do", "does", "think", "quick", "question", "wondering", "was", "wanted",
            "sag", "sagen", "sie", "mir", "mal", "bitte", "ehrlich", "wirklich", "eigentlich", "oder", "nicht", "ich",
            "würde", "gern", "gerne", "wissen", "möchte", "will", "ob", "du", "hier", "gerade", "jetzt", "da",
            "frage", "kurze", "mich", "interessiert", "verbunden", "mit", "also", "na", "nun", "how", "let");

    /** One of the words, perhaps with the other half of an either-or ("… or a person", "… oder ein Mensch"). */
    private static String either(String words) {
        return "(?:" + words + ")" + orWhat(words);
    }

    private static String orWhat(String words) {
        return "(?: (?:or|oder) (?:are you |bist du |sind sie )?" + AS_WHAT + "(?:" + words + "|not|nicht))?";
    }

    /*
     * Repetitions in these patterns are possessive ("*+"): a plain "(?:(?:so|echt) )*" recurses once
     * per repetition in java.util.regex and overflows the stack on "das hilft echt echt echt …".
     * No repeated word is also the first word of what follows it, so nothing needs to be given back.
     */
    private static final Pattern FRUSTRATION = anywhere(
            // German: "das hilft nicht", "blöder Bot", "Sie verstehen mich nicht"
            "das hilft (?:mir )?(?:(?:leider|echt|wirklich|so|überhaupt|gar|absolut) )*+(?:nicht|nichts|null"
                    + "|kein stück|nix)",
            "^hilft (?:mir )?(?:(?:leider|echt|wirklich|so|überhaupt|gar|absolut) )*+(?:nicht|nichts|nix)$",
            "hilft (?:mir )?(?:(?:überhaupt|gar|echt|wirklich|absolut) )?(?:nicht|nichts|nix) weiter",
            "(?:das |es |du |sie )?(?:bringt|bringst|bringen) (?:mir )?(?:(?:überhaupt|gar|absolut) )?(?:nichts|nix)",
            "(?:blöder|blöde|blödes|blöd|dummer|dumme|dummes|doofer|doofe|doofes|doof|scheiß|scheiss|mieser"
                    + "|schlechter|nutzloser|sinnloser|unfähiger) (?:bot|chatbot|roboter|ding|maschine|computer"
                    + "|programm|assistent|service)",
            "(?:du bist|sie sind|bist du|ist der bot) (?:(?:so|echt|wirklich|total|völlig|einfach) )*+"
                    + "(?:blöd|dumm|doof|nutzlos|sinnlos|unfähig|schlecht|zu blöd|zu dumm)",
            "(?:du verstehst|sie verstehen|verstehst du|verstehen sie) (?:mich )?"
                    + "(?:(?:einfach|überhaupt|wirklich|echt|gar) )*+(?:nicht|nichts|nix)",
            "(?:nicht|wenig|null) hilfreich|keine hilfe|hilft nix|bringt nix|was soll das",
            // English: "this is useless", "you're not helping", "stupid bot"
            "(?:youre|you are|ur|u r) (?:(?:not|no|of no|completely|totally|so|really|pretty|such a|just|being)"
                    + " )*+(?:help|helping|helpful|use|useless|stupid|dumb|an idiot|idiot|a joke|joke|a waste of time)",
            "(?:this|that|it|you|that answer|this answer) (?:doesnt|does not|didnt|did not|isnt|is not|wasnt"
                    + "|was not) (?:help|helping|helpful|answer my question)",
            "not (?:very |really |at all )?helpful|unhelpful",
            "(?:stupid|dumb|useless|idiotic|crappy|silly|bloody|damn|worthless|pointless|terrible|awful|shitty"
                    + "|freaking) (?:bot|robot|machine|chatbot|thing|program|ai|computer|assistant)",
            "this is (?:(?:so|really|very|getting|just|absolutely|totally|completely|utterly|beyond) )*+(?:useless"
                    + "|pointless|ridiculous|stupid|frustrating|annoying|a joke|a waste of time|rubbish|garbage|nonsense"
                    + "|crap|unacceptable|outrageous|pathetic|absurd|a disgrace|a farce|a nightmare|infuriating"
                    + "|unbelievable)",
            "(?:thats|that is) (?:(?:so|really|just|absolutely|totally|completely|utterly) )*+(?:ridiculous"
                    + "|unacceptable|outrageous|pathetic|absurd|a disgrace|a joke)",
            "waste of (?:my )?time",
            "(?:you|it|this) (?:dont|do not|doesnt|does not|didnt|did not) (?:understand|get it|listen)",
            "(?:this|you|it) sucks?|not what i (?:asked|meant|wanted)",
            "^seriously$|are you (?:even )?(?:listening|serious|kidding)",
            // German, about the company, its team or its service: "Saftladen", "unfähiger Haufen", "ihr Idioten"
            "(?:saftladen|drecksladen|scheißladen|scheißverein|scheißservice|scheißfirma|mistladen|mistverein"
                    + "|sauladen|pfuschladen|chaosladen|drecksfirma|drecksverein|idiotenverein|amateurverein"
                    + "|sauhaufen|chaotenverein|deppenverein|schrottladen|inkompetenz|unverschämtheit)",
            "(?:unfähige[rns]?|inkompetente[rns]?|nutzlose[rns]?|miese[rns]?|mieseste[rns]?|lausige[rns]?"
                    + "|katastrophale[rns]?|unverschämte[rns]?|beschissene[rns]?|scheiß|drecks) (?:haufen|truppe|laden"
                    + "|verein|firma|service|support|kundenservice|kundendienst|team|unternehmen|hotline|idioten"
                    + "|leute|mitarbeiter|mitarbeitern|bande|kundenbetreuung)",
            "ihr (?:[a-z]+ )?(?:idioten|vollidioten|deppen|amateure|versager|stümper|betrüger|clowns|pfeifen"
                    + "|trottel|nieten|abzocker|vollpfosten|dilettanten|witzfiguren|schwachköpfe)",
            "(?:so eine|was für eine|das ist (?:doch |ja |echt |wirklich )?eine) (?:frechheit|unverschämtheit"
                    + "|zumutung|katastrophe|schweinerei|sauerei)",
            // German exasperation: "ich habe die Nase voll", "ich hab's satt", "ich bin es leid", "wie oft noch"
            "(?:die|ne) (?:nase|schnauze) (?:(?:gestrichen|echt|so|sowas|was|von|endgültig|richtig|total|wirklich"
                    + "|langsam) )*+voll",
            "(?:ich habe|ich hab|hab|habe|ich habs|habs) (?:es |das |euch |dich |ihn |den bot |den laden )?"
                    + "(?:(?:so|echt|wirklich|langsam|endgültig|total|richtig|dermaßen|gründlich) )*+satt",
            "(?:ich bin|bin|ich bins|bins) (?:es |das |euch |dich )?(?:(?:so|echt|wirklich|langsam|endgültig"
                    + "|total|richtig|dermaßen) )*+leid",
            "ich bin (?:(?:so|echt|wirklich|total|langsam|richtig|extrem|mega|sehr|absolut|maximal|völlig"
                    + "|einfach|nur noch|inzwischen|mittlerweile) )*+(?:frustriert|stinksauer|stocksauer|wütend"
                    + "|sauer|genervt|entnervt|bedient|fassungslos|verärgert|angepisst|am verzweifeln)",
            "genug ist genug|jetzt ist (?:(?:aber|echt|wirklich|endgültig) )*+schluss|nicht zu fassen",
            "das kann (?:doch )?nicht (?:wahr|ihr ernst|euer ernst|dein ernst) sein"
                    + "|(?:ist|soll) das (?:ihr|euer|dein) ernst",
            "wie oft (?:denn )?noch|wie oft (?:muss|soll) ich (?:(?:das|es|ihnen|euch|dir|denn|eigentlich|hier) )*+"
                    + "(?:noch )?(?:sagen|schreiben|fragen|erklären|wiederholen|nachfragen)",
            "(?:frage|schreibe|sage|erkläre|melde) (?:ich )?(?:mich )?(?:(?:jetzt|nun|schon|bereits|hier) )*+zum"
                    + " (?:zweiten|dritten|vierten|fünften|zehnten|x ten|xten|zigsten|hundertsten|tausendsten"
                    + "|wiederholten|n ten|nten) (?:mal|male)",
            "(?:ich habe|ich hab|hab|habe) (?:(?:das|es|ihnen|euch|dir|doch|schon|bereits|jetzt|nun) )*+"
                    + "(?:zigmal|zig mal|x mal|xmal|mehrmals|mehrfach|zweimal|dreimal|viermal|fünfmal|hundertmal"
                    + "|tausendmal|hundert mal|tausend mal|drei mal|oft genug) (?:gesagt|geschrieben|gefragt|erklärt)",
            // English, about the company, its team or its service: "you people are incompetent", "you idiots"
            "(?:useless|incompetent|pathetic|terrible|awful|horrible|worst|lousy|crappy|shitty|rubbish|garbage"
                    + "|clueless|fucking|bloody|stupid|dumb) (?:company|service|customer service|customer support"
                    + "|support|staff|team|people|shop|store|bank|business|outfit|bunch|idiots|morons|employees"
                    + "|agents)",
            "(?:you|bunch of) (?:[a-z]+ )?(?:idiots|morons|clowns|amateurs|fools|muppets|incompetents|scammers"
                    + "|thieves|crooks|liars|jokers)",
            "what a (?:(?:total|complete|absolute|bloody|fucking) )?(?:joke|scam|disgrace|shambles|farce|rip off"
                    + "|ripoff)",
            // English exasperation: "I'm fed up", "sick of this", "how many times do I have to"
            "fed up|sick and tired|enough is enough|sick of (?:this|it|you|your|waiting|being|all|dealing)"
                    + "|tired of (?:this|you|your|waiting|dealing|all this)",
            "(?:ive|i have|i ve|weve|we have) (?:(?:really|just|about|finally|officially|so) )*+had (?:it|enough)"
                    + " (?:of|with)",
            "(?:im|i am) (?:(?:so|really|very|extremely|getting|beyond|absolutely|totally|completely|incredibly"
                    + "|seriously|just|pretty|fucking|bloody) )*+(?:frustrated|furious|pissed off|pissed|livid"
                    + "|fuming|angry|annoyed|done with (?:you|you people|you guys|your (?:company|service|bank|shop"
                    + "|store|support|team|bot)|this (?:company|service|bank|shop|store|bot|nonsense|crap|shit)))",
            "how many (?:more )?times (?:do i have to|do i need to|must i|have i got to|am i supposed to|will i have to"
                    + "|should i have to|have i|did i) (?:ask|asked|tell|told|say|said|explain|explained|repeat|repeated"
                    + "|write|written|wrote|call|called|contact|contacted)",
            "(?:^|(?:asking|ask|asked|telling|tell|told|writing|saying|explaining|calling|contacting|contacted)"
                    + " (?:you )?)for the (?:third|fourth|fifth|tenth|hundredth|millionth|umpteenth|nth|twentieth"
                    + "|fiftieth) time",
            "(?:i|ive|i have) (?:already )?(?:told|asked|said|explained) (?:(?:you|this|that|it|already|before) )*+"
                    + "(?:twice|three times|many times|multiple times|several times|so many times|a hundred times"
                    + "|a thousand times|a million times|over and over|\\d+ times)");

    /** Who a customer insults when they insult the company: its service, team or bot ("euer Service"). */
    private static final String DE_THEM = "(?:ihr seid|seid ihr|du bist|bist du|(?:euer|eure|ihr|ihre|dein|deine|der"
            + "|die|das|dieser|diese|dieses) (?:service|kundenservice|kundendienst|kundensupport|support|serviceteam"
            + "|team|laden|verein|firma|unternehmen|shop|onlineshop|hotline|bot|chatbot|kundenbetreuung)"
            + " (?:ist|sind|war|bleibt))";

    private static final String DE_VERDICT = "(?:(?:so|echt|wirklich|total|völlig|komplett|absolut|einfach|doch|ja"
            + "|mal|nur|noch|wohl|vollkommen|unglaublich|extrem|richtig|absoluter|absolute|totaler|totale|kompletter"
            + "|komplette|der|die|das|reinste|reine|reiner|ein|eine|sowas|was|von|hoffnungslos|sehr|voll|mega"
            + "|dermaßen|derart|ganz|schlechter|allerletzte|eigentlich|denn|alle|inzwischen|mittlerweile) )*+(?:unfähig|inkompetent|nutzlos|unbrauchbar"
            + "|katastrophal|katastrophe|unterirdisch|witz|frechheit|zumutung|unverschämt|lächerlich|letzte|mies"
            + "|miserabel|grottig|grottenschlecht|schlecht|scheiße|scheiss|beschissen|mist|müll|dreck|idioten"
            + "|amateure|versager|stümper|betrüger|abzocker|peinlich|armselig|erbärmlich|schande|unmöglich"
            + "|saftladen)";

    private static final String EN_THEM = "(?:you|you guys|you people|you lot|you all|yall|youre|you re"
            + "|(?:your|this|the) (?:company|team|staff|service|support|customer service|customer support"
            + "|support team|service team|shop|store|people|bot|chatbot|hotline|business|bank|agents|employees))"
            + " (?:are|is|were|was|r)";

    private static final String EN_VERDICT = "(?:(?:so|really|completely|totally|utterly|absolutely|just|such|a|an"
            + "|the|bunch|of|pretty|very|truly|beyond|freaking|fucking|bloody|damn|total|complete|absolute"
            + "|incredibly|seriously|literally|actually|all|being) )*+(?:useless|incompetent|hopeless|pathetic"
            + "|terrible|awful|horrible|worst|disgrace|disaster|joke|rubbish|garbage|crap|shit|trash|clueless|idiots"
            + "|idiot|morons|moron|clowns|amateurs|scam|scammers|thieves|frauds|crooks|ridiculous|nightmare"
            + "|worthless|disgusting|liars|unacceptable|a waste of time)";

    /**
     * Exasperation that is a sentence of its own ("Es reicht!", "I've had enough."): each pattern must
     * cover a whole segment of the message, and the segment must not be a question ("Reicht es?"), nor
     * be followed by a clause that makes it a condition ("Es reicht, wenn Sie …").
     */
    private static final Pattern EXASPERATED_SENTENCE = Pattern.compile(alternatives(
            "^(?:(?:so|also|echt|wirklich|ok|okay|und|aber|ach|mann|man|ey|boah|oh|nee|nein) )*+"
                    + "(?:es reicht|mir reichts|mir reicht es|(?:jetzt|nun|langsam|echt) (?:reichts|reicht es|langts"
                    + "|langt es)|reichts jetzt|reicht jetzt|mir langts|es langt|das reicht jetzt"
                    + "|(?:ich habe|ich hab|hab) genug(?: (?:davon|von euch|von ihnen|von dir))?)"
                    + "(?: (?:mir|jetzt|langsam|endgültig|wirklich|echt|aber|nun|ja|doch|so|vollkommen|völlig|total"
                    + "|mit euch|mit ihnen|mit dir|mit dem bot|mit diesem laden))*+$",
            "^(?:(?:also|echt|oh|ach|nee|nein) )*+(?:das gibts doch nicht|das gibt es doch nicht)$",
            "^(?:(?:ok|okay|right|well|honestly|seriously|look|listen|oh|god|thats it) )*+"
                    + "(?:ive had enough|i have had enough|weve had enough|ive had it|i have had it|im so done"
                    + "|give me a break|you must be joking|(?:youve|you have|youve got|you got) (?:got )?to be kidding"
                    + "(?: me)?|(?:youre|you are) kidding me|(?:whats|what is) wrong with (?:you|you people|you guys)"
                    + "|(?:im|i am|im so|i am so) done with (?:this|you|all this))"
                    + "(?: (?:now|already|seriously|honestly|really|guys|people))*+$"));

    /**
     * An insult of the company, its team or its service that ends a sentence ("Ihr seid unfähig.",
     * "Your service is useless!!!", "Seid ihr unfähig?"), unless a clause makes it a condition
     * ("… ist nutzlos, wenn …"); "Ihr Service ist schlecht erreichbar" does not end in the verdict.
     */
    private static final Pattern INSULT_SENTENCE = Pattern.compile(alternatives(
            "(?:^| )" + DE_THEM + " " + DE_VERDICT + "(?: (?:oder|echt|wirklich|ey|leute|mann|man|alter|ja|doch"
                    + "|heute|gerade|momentan|einfach|total|völlig))*+$",
            "(?:^| )" + EN_THEM + " " + EN_VERDICT + "(?: (?:ever|really|honestly|mate|man|seriously|today|lately"
                    + "|now|period|guys|people|here))*+$"));

    /** Words that say "really?!" and need the emphasis to be frustration ("Unglaublich!!!", "Seriously?!"). */
    private static final Pattern EXASPERATED_WITH_EMPHASIS = Pattern.compile(alternatives(
            "^(?:(?:oh|ach|na|also|einfach|so|oh mein gott|oh my god|omg) )*+(?:unglaublich|unfassbar"
                    + "|ernsthaft|echt jetzt|im ernst|wirklich jetzt|wirklich|das gibts doch nicht|unbelievable"
                    + "|incredible|seriously|really|come on|are you serious|you cant be serious|unreal)$"));

    /** After a sentence, these start a clause that makes it a condition, not an outburst ("Es reicht, wenn …"). */
    private static final Set<String> SUBORDINATE = set(
            "wenn", "falls", "dass", "sofern", "solange", "ob", "um", "bis", "wann", "weil", "if", "when", "that",
            "once", "as", "unless", "until", "because");

    /**
     * Curses and verdicts ("Mist!", "nutzlos", "wtf") that are frustration only when the message says
     * nothing else: "Mist, mein Router geht nicht" is a question about the router, and
     * "Is my old voucher useless now?" one about vouchers.
     */
    private static final Set<String> EXPLETIVES = folded(
            "mist", "scheiße", "scheiß", "scheisse", "scheiss", "verdammt", "verdammter", "verflucht", "nutzlos",
            "sinnlos", "zwecklos", "unbrauchbar", "nervig", "nervt", "ätzend", "frechheit", "unverschämt",
            "lächerlich", "unnütz", "quatsch", "schwachsinn", "blödsinn", "unsinn", "boah", "menno", "müll",
            "katastrophe", "katastrophal", "unterirdisch", "zumutung", "unverschämtheit", "lachhaft", "pathetic",
            "unacceptable", "outrageous",
            "useless", "pointless", "worthless", "ridiculous", "wtf", "ffs", "omfg", "bullshit", "rubbish",
            "garbage", "nonsense", "crap", "fuck", "fucking", "fck", "shit", "damn", "dammit", "ugh", "argh");

    /** Words that may stand around a curse without making the message a question ("das ist doch Quatsch"). */
    private static final Set<String> EXPLETIVE_COMPANIONS = folded(
            "so", "ein", "eine", "was", "für", "das", "ist", "doch", "echt", "total", "völlig", "voll", "einfach",
            "ja", "alles", "schon", "wieder", "nur", "wie", "oh", "ach", "man", "mann", "alter", "totaler",
            "totale", "totales", "kompletter", "komplette", "absoluter", "absolute", "reinste", "reiner", "der",
            "die", "großer", "riesen", "eine", "absolut", "wirklich",
            "what", "the", "this", "that", "thats", "is", "it", "its", "totally", "completely", "utterly", "just",
            "really", "such", "a", "my", "god", "again", "absolutely", "total", "complete", "utter", "so",
            "an", "absolute");

    /** Greetings that only count as such when they are the whole message ("Morgen!", not "Morgen kommt …"). */
    private static final Set<String> SHORT_GREETINGS = set("morgen", "tag", "abend", "mahlzeit");

    private static final Intent[] SMALL_TALK = {Intent.GREETING, Intent.THANKS, Intent.GOODBYE};

    private IntentRecognizer() {}

    /**
     * The intent of a message.
     *
     * @param guideActive whether the customer is in a troubleshooting guide; only then are yes and no recognised
     */
    public static Recognition recognise(String text, boolean guideActive) {
        List<Text.Word> words = Text.words(text);
        if (words.isEmpty()) {
            return Recognition.of(Intent.ACKNOWLEDGE);
        }
        if (guideActive) {
            Intent yesOrNo = yesOrNo(words);
            if (yesOrNo != null) {
                return Recognition.of(yesOrNo);
            }
        }
        if (onlyShortGreeting(words)) {
            return Recognition.of(Intent.GREETING);
        }
        Consumed head = consumeSmallTalk(words, 0, words.size());
        if (head.end() == words.size()) {
            return Recognition.of(head.intent() == null ? Intent.ACKNOWLEDGE : head.intent());
        }
        int from = head.intent() == null ? 0 : head.end();
        int to = withoutTrailingSmallTalk(words, from);
        String normalised = Text.join(words, from, to);
        if (asksWhatTheBotIs(normalised)) {
            return Recognition.of(Intent.BOT_IDENTITY);
        }
        if (HUMAN.matcher(normalised).find()) {
            return Recognition.of(Intent.HUMAN);
        }
        if (FRUSTRATION.matcher(normalised).find() || onlyExpletives(words, from, to)
                || frustratedSentence(text, words, from, to)) {
            return Recognition.of(Intent.FRUSTRATION);
        }
        String question = text.substring(words.get(from).start(), words.get(to - 1).end());
        return new Recognition(Intent.QUESTION, question, from > 0 || to < words.size());
    }

    /**
     * Whether the message asks whether the bot is a bot or a person, and says nothing else: "Are you
     * a bot? I want a person" is the wish for one, and "Is this a bot? Where is my parcel?" a question.
     */
    private static boolean asksWhatTheBotIs(String normalised) {
        Matcher matcher = IDENTITY.matcher(normalised);
        if (!matcher.find()) {
            return false;
        }
        String rest = normalised.substring(0, matcher.start()) + " " + normalised.substring(matcher.end());
        for (String word : rest.split(" ")) {
            if (!word.isEmpty() && !IDENTITY_COMPANIONS.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** YES or NO when every word is yes/no vocabulary; a negation wins ("ja, geht immer noch nicht" is NO). */
    private static Intent yesOrNo(List<Text.Word> words) {
        if (words.size() > MAX_YES_NO_WORDS) {
            return null;
        }
        boolean yes = false;
        boolean no = false;
        for (Text.Word word : words) {
            String norm = word.norm();
            if (NO_WORDS.contains(norm)) {
                no = true;
            } else if (YES_WORDS.contains(norm)) {
                yes = true;
            } else if (!YES_NO_FILLERS.contains(norm)) {
                return null;
            }
        }
        return no ? Intent.NO : yes ? Intent.YES : null;
    }

    private static boolean onlyShortGreeting(List<Text.Word> words) {
        boolean greeting = false;
        for (Text.Word word : words) {
            if (SHORT_GREETINGS.contains(word.norm())) {
                greeting = true;
            } else if (!FILLERS.contains(word.norm())) {
                return false;
            }
        }
        return greeting;
    }

    /** Whether the words {@code from} to {@code to} are curses with at most a few words around them. */
    private static boolean onlyExpletives(List<Text.Word> words, int from, int to) {
        boolean curse = false;
        for (int i = from; i < to; i++) {
            String norm = words.get(i).norm();
            if (EXPLETIVES.contains(norm)) {
                curse = true;
            } else if (!EXPLETIVE_COMPANIONS.contains(norm)) {
                return false;
            }
        }
        return curse;
    }

    /**
     * Whether a segment of the words {@code from} to {@code to} is frustration as a sentence of its
     * own ({@link #EXASPERATED_SENTENCE}, {@link #INSULT_SENTENCE}), or is a curse or verdict with emphasis: a curse standing
     * alone with two or more marks after it ("Totaler Mist!!! Wo ist …", "Nutzlos???"), a curse in a
     * sentence that ends in "!!" or "?!" ("Mein Router ist totaler Mist!!!"), a "really?!"
     * ({@link #EXASPERATED_WITH_EMPHASIS}). A plain question with many marks is still a question.
     */
    private static boolean frustratedSentence(String text, List<Text.Word> words, int from, int to) {
        int start = from;
        while (start < to) {
            int end = start + 1;
            while (end < to && words.get(end).segment() == words.get(start).segment()) {
                end++;
            }
            String sentence = Text.join(words, start, end);
            String marks = marksAfter(text, words, end - 1);
            boolean asks = marks.indexOf('?') >= 0 && marks.indexOf('!') < 0;
            boolean condition = end < words.size() && SUBORDINATE.contains(words.get(end).norm());
            if (!condition && (insult(sentence) || (!asks && EXASPERATED_SENTENCE.matcher(sentence).find()))) {
                return true;
            }
            if (marks.length() >= 2) {
                if (onlyExpletives(words, start, end) || EXASPERATED_WITH_EMPHASIS.matcher(sentence).find()) {
                    return true;
                }
                if (marks.indexOf('!') >= 0 && containsExpletive(words, start, end)) {
                    return true;
                }
            }
            start = end;
        }
        return false;
    }

    /** An insult that ends the sentence, said outright and not as a condition ("What if the staff is incompetent?"). */
    private static boolean insult(String sentence) {
        Matcher matcher = INSULT_SENTENCE.matcher(sentence);
        if (!matcher.find()) {
            return false;
        }
        for (String word : sentence.substring(0, matcher.start()).split(" ")) {
            if (SUBORDINATE.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** The question and exclamation marks between word {@code index} and the next word (or the end). */
    private static String marksAfter(String text, List<Text.Word> words, int index) {
        int from = words.get(index).end();
        int to = index + 1 < words.size() ? words.get(index + 1).start() : text.length();
        StringBuilder marks = new StringBuilder();
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '!' || c == '?') {
                marks.append(c);
            }
        }
        return marks.toString();
    }

    private static boolean containsExpletive(List<Text.Word> words, int from, int to) {
        for (int i = from; i < to; i++) {
            if (EXPLETIVES.contains(words.get(i).norm())) {
                return true;
            }
        }
        return false;
    }

    /** The index after the last word of leading small talk, and the strongest small-talk intent in it. */
    private record Consumed(int end, Intent intent) {}

    private static Consumed consumeSmallTalk(List<Text.Word> words, int from, int to) {
        int i = from;
        Intent found = null;
        while (i < to) {
            String ahead = Text.join(words, i, Math.min(to, i + LOOKAHEAD));
            Intent intent = null;
            int length = 0;
            for (Intent candidate : SMALL_TALK) {
                Matcher matcher = smallTalkPattern(candidate).matcher(ahead);
                if (matcher.lookingAt() && matcher.end() > length) {
                    intent = candidate;
                    length = matcher.end();
                }
            }
            if (intent != null) {
                found = stronger(found, intent);
                i += wordCount(ahead.substring(0, length));
                if (intent == Intent.THANKS && i < to && THANKS_TAIL.contains(words.get(i).norm())) {
                    int segment = words.get(i).segment();
                    while (i < to && words.get(i).segment() == segment) {
                        i++;
                    }
                }
            } else if (FILLERS.contains(words.get(i).norm())) {
                i++;
            } else {
                break;
            }
        }
        return new Consumed(i, found);
    }

    /** Drops whole trailing segments that are only small talk ("…? Danke!"), never the whole question. */
    private static int withoutTrailingSmallTalk(List<Text.Word> words, int from) {
        int to = words.size();
        while (to > from) {
            int segment = words.get(to - 1).segment();
            int segmentStart = to - 1;
            while (segmentStart > from && words.get(segmentStart - 1).segment() == segment) {
                segmentStart--;
            }
            if (segmentStart == from) {
                break;
            }
            Consumed tail = consumeSmallTalk(words, segmentStart, to);
            if (tail.end() != to || tail.intent() == null) {
                break;
            }
            to = segmentStart;
        }
        return to;
    }

    /** Goodbye outranks thanks, thanks outranks a greeting: "Danke, tschüss" is a goodbye. */
    private static Intent stronger(Intent a, Intent b) {
        if (a == null) {
            return b;
        }
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    private static Pattern smallTalkPattern(Intent intent) {
        return switch (intent) {
            case GREETING -> GREETING;
            case THANKS -> THANKS;
            case GOODBYE -> GOODBYE;
            default -> throw new IllegalArgumentException(intent.name());
        };
    }

    private static int wordCount(String joined) {
        int count = 1;
        for (int i = 0; i < joined.length(); i++) {
            if (joined.charAt(i) == ' ') {
                count++;
            }
        }
        return count;
    }

    /** A set that tolerates the same word listed twice, which long curated lists invite. */
    private static Set<String> set(String... words) {
        return Set.copyOf(List.of(words));
    }

    /**
     * Words in {@link Text}'s normalised form, each also with plain vowels for umlauts ("ätzend"
     * matches "aetzend" and "atzend").
     */
    private static Set<String> folded(String... words) {
        Set<String> folded = new HashSet<>();
        for (String word : words) {
            folded.add(Text.fold(word));
            folded.add(Text.fold(Language.umlautsAsVowels(word)));
        }
        return Set.copyOf(folded);
    }

    /**
     * Whole phrases at the start of the text, the longest first: alternation takes the first phrase
     * that matches, and "schönen tag" must not cut "schönen tag noch" short.
     */
    private static Pattern prefix(String... phrases) {
        String[] longestFirst = phrases.clone();
        Arrays.sort(longestFirst, Comparator.comparingInt(String::length).reversed());
        return Pattern.compile("(?:" + alternatives(longestFirst) + ")(?= |$)");
    }

    /** Any of the patterns as whole words anywhere in the text. */
    private static Pattern anywhere(String... patterns) {
        return Pattern.compile("(?:^| )(?:" + alternatives(patterns) + ")(?= |$)");
    }

    private static String alternatives(String... patterns) {
        StringBuilder joined = new StringBuilder();
        for (String pattern : patterns) {
            if (!joined.isEmpty()) {
                joined.append('|');
            }
            joined.append(tolerant(pattern));
        }
        return joined.toString();
    }

    /** Lets an umlaut in a pattern match "ä", "ae" and "a" in the text (which is folded to "ae"). */
    static String tolerant(String pattern) {
        return pattern.replace("ä", "(?:ae|a)")
                .replace("ö", "(?:oe|o)")
                .replace("ü", "(?:ue|u)")
                .replace("ß", "ss");
    }
}

namespace Berth.Engine.Containers;

/// <summary>Docker-style random names, <c>adjective_surname</c>, from a list of notable scientists and engineers.</summary>
public static class NameGenerator
{
    private static readonly string[] s_left =
    [
        "admiring", "adoring", "affectionate", "agitated", "amazing", "angry", "awesome", "beautiful",
        "blissful", "bold", "boring", "brave", "busy", "charming", "clever", "compassionate", "competent",
        "condescending", "confident", "cool", "cranky", "crazy", "dazzling", "determined", "distracted",
        "dreamy", "eager", "ecstatic", "elastic", "elated", "elegant", "eloquent", "epic", "exciting",
        "fervent", "festive", "flamboyant", "focused", "friendly", "frosty", "funny", "gallant", "gifted",
        "goofy", "gracious", "great", "happy", "hardcore", "heuristic", "hopeful", "hungry", "infallible",
        "inspiring", "intelligent", "interesting", "jolly", "jovial", "keen", "kind", "laughing", "loving",
        "lucid", "magical", "modest", "musing", "mystifying", "naughty", "nervous", "nice", "nifty",
        "nostalgic", "objective", "optimistic", "peaceful", "pedantic", "pensive", "practical", "priceless",
        "quirky", "quizzical", "recursing", "relaxed", "reverent", "romantic", "sad", "serene", "sharp",
        "silly", "sleepy", "stoic", "strange", "stupefied", "suspicious", "sweet", "tender", "thirsty",
        "trusting", "unruffled", "upbeat", "vibrant", "vigilant", "vigorous", "wizardly", "wonderful",
        "xenodochial", "youthful", "zealous", "zen",
    ];

    private static readonly string[] s_right =
    [
        "agnesi", "albattani", "allen", "archimedes", "ardinghelli", "babbage", "banach", "bardeen",
        "bartik", "bassi", "bell", "benz", "bhabha", "black", "blackwell", "bohr", "booth", "borg",
        "bose", "brahmagupta", "brattain", "brown", "carson", "cerf", "chandrasekhar", "clarke", "cohen",
        "curie", "darwin", "davinci", "dijkstra", "dirac", "driscoll", "dubinsky", "einstein", "elion",
        "engelbart", "euclid", "euler", "faraday", "fermat", "fermi", "feynman", "franklin", "galileo",
        "gates", "goldberg", "goldstine", "goldwasser", "goodall", "hamilton", "haslett", "hawking",
        "heisenberg", "hermann", "hodgkin", "hofstadter", "hoover", "hopper", "hypatia", "jackson",
        "jang", "jemison", "jennings", "johnson", "joliot", "kalam", "kapitsa", "keldysh", "kepler",
        "khorana", "knuth", "lalande", "lamarr", "lamport", "leakey", "leavitt", "lederberg", "lichterman",
        "liskov", "lovelace", "lumiere", "mahavira", "mayer", "mccarthy", "mcclintock", "mclean",
        "meitner", "mendel", "merkle", "mirzakhani", "montalcini", "moore", "morse", "napier", "nash",
        "neumann", "newton", "nightingale", "nobel", "noether", "northcutt", "noyce", "pare", "pascal",
        "pasteur", "perlman", "pike", "poincare", "ptolemy", "raman", "ramanujan", "ride", "ritchie",
        "robinson", "rosalind", "sammet", "shannon", "shaw", "shockley", "sinoussi", "snyder", "spence",
        "stonebraker", "swanson", "swartz", "tesla", "thompson", "torvalds", "turing", "varahamihira",
        "villani", "wescoff", "wiles", "williams", "wilson", "wing", "wozniak", "wright", "yalow", "yonath",
    ];

    /// <summary>A random name; from <paramref name="retry"/> 1 on, a digit is appended, as Docker does.</summary>
    public static string Generate(int retry = 0)
    {
        while (true)
        {
            string name = s_left[Random.Shared.Next(s_left.Length)] + "_" + s_right[Random.Shared.Next(s_right.Length)];
            if (name == "boring_wozniak") // Steve Wozniak is not boring
                continue;
            return retry > 0 ? name + Random.Shared.Next(10) : name;
        }
    }
}

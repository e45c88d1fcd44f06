"""Write ``training/data/strategy-sentences-support.jsonl``: supporter sentences in the emotional-support register.

The project's own wording, labelled by ``../shared/docs/LABELS.md``: for each life topic a few seeker messages,
the feelings and reasons that fit it, the supporter's own similar stories, and topic-specific negatives; shared
frames turn a topic's feeling + reason into reflections and normalizations. A fixed seed picks which frames
each topic gets, so the file is reproducible:

    .venv/bin/python training/write_support.py

No sentence comes from ESConv, EPITOME or any other corpus.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "strategy-sentences-support.jsonl"
SEED = 7
R, E, N = "relating_experience", "reflecting_emotion", "normalizing"

# Per topic: seekers (messages), feel (adjectives after "feeling"), why ("... about/after/by" phrases that
# complete "feeling X ___"), inf ("to ..." completing "it must be hard ___"), noun (what people "struggle with"),
# when ("when ..." clause about people in general), own (the supporter's similar experience, relating),
# restate (facts without feelings), advice, info, questions, self (reassurance for a self-critical seeker).
TOPICS: list[dict[str, list[str] | str]] = [
    {
        "topic": "work stress",
        "seekers": ["My boss keeps piling work on me and I stay late every night. I can't switch off anymore.",
                    "I have three deadlines this week and I feel like I'm drowning at work."],
        "feel": ["overwhelmed", "exhausted", "stretched thin", "burnt out"],
        "why": ["by everything your boss keeps adding to your plate", "with three deadlines landing in the same week",
                "after so many late nights at the office", "about keeping up with a workload that never shrinks"],
        "inf": ["to carry that much work with no end in sight", "to never get a proper evening to yourself"],
        "noun": "burnout at work", "when": "when their workload keeps growing",
        "own": ["I had a job a few years ago where I worked until nine most nights, and I remember feeling completely"
                " wrung out by Friday.",
                "Last spring my own workload doubled after a colleague left, and I felt just as swamped as you do.",
                "I burnt out at my last job too, so I know that heavy, can't-switch-off feeling all too well.",
                "when i started my current job i was staying late every single night and honestly felt like i was"
                " drowning too"],
        "restate": ["So you have three deadlines this week and your manager assigned another project on Monday.",
                    "You've been staying at the office until eight most evenings."],
        "advice": ["Maybe you could ask your manager which of the deadlines matters most.",
                   "Try blocking out a lunch break in your calendar and treating it like a meeting.",
                   "It could help to write a list of everything on your plate before you talk to your boss."],
        "info": ["Many companies have an employee assistance programme that offers a few free counselling sessions.",
                 "Most employment contracts set out how much overtime you can be asked to do."],
        "questions": ["Have you been able to talk to your manager about the workload?",
                      "What does a typical evening look like for you at the moment?"],
        "self": ["Needing a break doesn't make you lazy; it means you've been running on empty for too long.",
                 "Struggling with this much work is not a sign that you're bad at your job."],
    },
    {
        "topic": "job loss",
        "seekers": ["I got laid off last week with no warning. I don't know how I'm going to pay rent.",
                    "After eight years they just let me go. I feel useless and I can't stop thinking I failed."],
        "feel": ["scared", "lost", "shaken", "worried about the future", "hurt"],
        "why": ["after being let go with no warning", "about paying the rent now that the paycheck has stopped",
                "after giving that company eight years", "about what comes next after the layoff"],
        "inf": ["to lose a job you gave so much to", "to have the ground pulled out from under you like that"],
        "noun": "losing a job", "when": "when they're laid off out of the blue",
        "own": ["I was made redundant in 2019, and for weeks I felt like I'd lost a part of who I was.",
                "I lost my job a couple of years ago too, and I remember lying awake worrying about bills.",
                "My own company closed its office suddenly when I was thirty, and I felt just as shaken as you do"
                " now.",
                "been there, i got let go from a warehouse job once and i was terrified about rent for months"],
        "restate": ["So the company let you go last Friday and your last paycheck comes at the end of the month.",
                    "You worked there for eight years before the restructuring."],
        "advice": ["You could update your CV this week while your achievements there are fresh in your mind.",
                   "It might be worth asking your former manager for a reference before too long.",
                   "Try setting yourself a small job-search goal for each day, like two applications."],
        "info": ["In many places you can apply for unemployment benefits straight after a layoff.",
                 "Some recruitment agencies specialise in helping people who've been made redundant."],
        "questions": ["Did they give you any notice or severance pay?",
                      "What kind of work would you like to look for next?"],
        "self": ["Being laid off says nothing about your worth; it was a business decision, not a verdict on you.",
                 "You didn't fail - the company cut jobs, and that is not on you."],
    },
    {
        "topic": "breakup",
        "seekers": ["My girlfriend ended things after four years. I keep checking my phone hoping she'll text.",
                    "He left me for someone else and I keep wondering what's wrong with me."],
        "feel": ["heartbroken", "rejected", "lonely", "confused", "devastated"],
        "why": ["after the relationship ended so suddenly", "about the way he left", "after four years together",
                "since she moved out"],
        "inf": ["to lose someone you planned a future with", "to keep hoping for a message that doesn't come"],
        "noun": "breakups", "when": "when a long relationship ends",
        "own": ["I went through a breakup last year after five years together, and I kept checking my phone just"
                " like you.",
                "When my ex left me, I felt like the floor had dropped away, so I really do know a bit of this pain.",
                "I was cheated on in my twenties, and I spent months wondering what was wrong with me too.",
                "my last relationship ended out of nowhere and i felt so rejected for a long time"],
        "restate": ["So you were together for four years and she moved out in March.",
                    "He told you on Sunday that he's seeing someone else."],
        "advice": ["Maybe muting her on social media for a while would give you some space.",
                   "You could try spending the weekend with a friend instead of staying in alone.",
                   "It might help to write down what you'd want to say to him, without sending it."],
        "info": ["Couples counselling services often offer sessions for people going through a separation too.",
                 "There are support groups for people recovering from the end of a long relationship."],
        "questions": ["How long ago did the two of you split up?", "Do you have friends you can lean on right now?"],
        "self": ["Him leaving is not proof that something is wrong with you.",
                 "You're not foolish for still hoping she'll text; that's what love does."],
    },
    {
        "topic": "loneliness",
        "seekers": ["I moved to a new city for work and I don't know anyone. Weekends are the worst.",
                    "All my friends seem busy with their own lives and I spend most evenings alone."],
        "feel": ["lonely", "isolated", "left out", "invisible"],
        "why": ["in a city where you don't know anyone yet", "with your friends so wrapped up in their own lives",
                "after so many weekends on your own", "since you moved away from everyone you know"],
        "inf": ["to spend every weekend on your own", "to start over somewhere with no friends around"],
        "noun": "loneliness", "when": "when they move somewhere new",
        "own": ["When I moved abroad for work, I didn't speak to anyone outside the office for weeks, and it was"
                " one of the loneliest times of my life.",
                "I had a year where all my friends paired off and I spent most Saturdays alone, so I know that"
                " feeling.",
                "I felt really isolated after my own move to a new town too, especially on Sundays.",
                "ive been the new person in a city with nobody to call, it was so lonely"],
        "restate": ["So you moved for the new job in January and you haven't met many people yet.",
                    "Your friends have been busy most evenings lately."],
        "advice": ["You could look for a local club or class around something you enjoy.",
                   "Maybe invite one colleague for a coffee this week.",
                   "Try volunteering somewhere once a week; it's a gentle way to meet people."],
        "info": ["Many cities have meetup groups for people who have just moved there.",
                 "Libraries and community centres often run free evening events."],
        "questions": ["What do you usually enjoy doing at the weekend?",
                      "Have you met anyone at work you get on with?"],
        "self": ["Feeling lonely doesn't mean you're unlikeable; it means you haven't had the chance to find your"
                 " people yet.",
                 "There's nothing pathetic about missing company - it's a very human need."],
    },
    {
        "topic": "pandemic",
        "seekers": ["With the lockdown I haven't seen my family in months and I'm going stir crazy.",
                    "I'm scared of catching the virus and passing it to my mum, so I barely leave the house."],
        "feel": ["cooped up", "anxious", "cut off", "frightened", "restless"],
        "why": ["after months of lockdown", "about passing the virus on to your mum",
                "with your family so far away during the restrictions", "about everything the pandemic has changed"],
        "inf": ["to go months without hugging your family", "to worry every time you leave the house"],
        "noun": "the isolation of lockdown", "when": "when they're stuck indoors for months",
        "own": ["During the first lockdown I didn't see my parents for five months, and I felt completely cut off.",
                "I was terrified of bringing the virus home to my grandfather too, so I know how heavy that worry is.",
                "Lockdown made me feel like the walls were closing in as well; I remember pacing my flat every"
                " evening.",
                "i spent the whole pandemic alone in a tiny flat and honestly it got to me too"],
        "restate": ["So the restrictions mean you can't visit your family until next month.",
                    "You've been working from home since March."],
        "advice": ["Maybe you could set up a regular video call with your family.",
                   "Try getting outside for a walk once a day if the rules allow it.",
                   "It could help to keep a simple routine for your days at home."],
        "info": ["Most health services publish up-to-date guidance on visiting older relatives.",
                 "Vaccination appointments can usually be booked online."],
        "questions": ["How are you keeping in touch with your family at the moment?",
                      "Are you able to get outside at all?"],
        "self": ["Finding lockdown hard doesn't make you weak; it's been hard on everyone.",
                 "You're not being paranoid - wanting to protect your mum is a caring instinct."],
    },
    {
        "topic": "studies and exams",
        "seekers": ["My finals are in two weeks and I can't concentrate. I think I'm going to fail.",
                    "I failed my maths exam again. I'm so stupid, everyone else finds this easy."],
        "feel": ["stressed", "panicked", "under pressure", "discouraged", "anxious"],
        "why": ["about your finals in two weeks", "after failing the exam a second time",
                "with so much riding on these results", "about keeping up with the coursework"],
        "inf": ["to sit down to revise and find your mind just won't settle",
                "to put in so much work and not get the grade you hoped for"],
        "noun": "exam stress", "when": "when exams are coming up",
        "own": ["I failed my driving theory exam twice before I passed, and I felt so stupid at the time.",
                "Before my own finals I couldn't read a page without panicking, so I know exactly that feeling.",
                "I retook a whole year at university, and I remember feeling like everyone else was ahead of me.",
                "i totally freaked out before my exams too, couldnt focus at all"],
        "restate": ["So your finals start on the fourteenth and you have four papers.",
                    "You got 38 percent on the maths paper and the pass mark was 40."],
        "advice": ["Maybe try studying in short blocks of twenty-five minutes with breaks in between.",
                   "You could ask your tutor which topics to focus on first.",
                   "It might help to do a past paper under timed conditions this weekend."],
        "info": ["Most universities offer free counselling and study skills sessions to students.",
                 "You can usually apply for extenuating circumstances if something affects your exams."],
        "questions": ["Which subject are you most worried about?", "How many hours a day are you revising right now?"],
        "self": ["Failing one exam doesn't make you stupid; it means this topic hasn't clicked yet.",
                 "You're not behind everyone else - most people just don't talk about their bad results."],
    },
    {
        "topic": "grief",
        "seekers": ["My dad passed away last month and I still can't believe he's gone.",
                    "Our dog died on Saturday. People say it's just a pet but I can't stop crying."],
        "feel": ["heartbroken", "numb", "lost", "sad", "grief-stricken"],
        "why": ["after losing your dad so recently", "since your dog died on Saturday",
                "about a loss that still doesn't feel real", "without your dad there anymore"],
        "inf": ["to lose a parent", "to come home to a house without your dog in it"],
        "noun": "grief", "when": "when they lose someone they love",
        "own": ["I lost my mum three years ago, and for months I kept reaching for the phone to call her.",
                "When my dog died I cried for a week, so I know a pet is never just a pet.",
                "My grandfather died when I was at university, and I felt numb for a long time afterwards too.",
                "i lost my brother a few years back and the first months were the hardest thing ive ever done"],
        "restate": ["So your dad passed away in October after a short illness.",
                    "Your dog was fourteen and died at home on Saturday."],
        "advice": ["Maybe you could write your dad a letter about the things you wish you'd said.",
                   "It might help to put together a photo album of your dog.",
                   "You could look into a bereavement support group near you."],
        "info": ["Bereavement charities run free helplines for people who have lost someone.",
                 "Many employers give compassionate leave after a death in the family."],
        "questions": ["Would you like to tell me a bit about your dad?", "How have you been sleeping since he died?"],
        "self": ["There's no right way to grieve, and you're not doing it wrong.",
                 "Crying over your dog isn't silly at all; you lost a member of your family."],
    },
    {
        "topic": "family conflict",
        "seekers": ["My parents keep fighting and I'm stuck in the middle of it every day.",
                    "My sister and I had a huge argument at Christmas and now she won't speak to me."],
        "feel": ["torn", "hurt", "caught in the middle", "upset", "drained"],
        "why": ["with your parents fighting every day", "since your sister stopped speaking to you",
                "about the argument at Christmas", "after being pulled into their arguments"],
        "inf": ["to be stuck between two people you love", "to have your own sister go silent on you"],
        "noun": "family tension", "when": "when their family is fighting",
        "own": ["My parents divorced when I was a teenager, and I remember feeling pulled in two directions all"
                " the time.",
                "My brother and I didn't speak for almost a year after a family row, and it hurt more than I"
                " admitted.",
                "I've been caught in the middle of family arguments too, and it wore me down.",
                "me and my sister fell out badly a few years ago so i get how much that stings"],
        "restate": ["So your parents argue most evenings and you're living at home this year.",
                    "You and your sister argued on Christmas Day and she hasn't replied since."],
        "advice": ["Maybe you could send your sister a short message without going back over the argument.",
                   "You could tell your parents calmly that you don't want to be the messenger anymore.",
                   "Try finding somewhere quiet to go when the arguing starts."],
        "info": ["Family mediation services can help relatives talk when things have broken down.",
                 "Some counselling services offer sessions for whole families."],
        "questions": ["What was the argument with your sister about?",
                      "Is there anyone in the family you can talk to?"],
        "self": ["Your parents' fighting isn't your fault, and it's not your job to fix it.",
                 "One argument doesn't make you a bad sister."],
    },
    {
        "topic": "health worries",
        "seekers": ["I've been waiting three weeks for my test results and I keep imagining the worst.",
                    "I was diagnosed with diabetes and I feel like my whole life has to change."],
        "feel": ["anxious", "frightened", "on edge", "overwhelmed", "scared"],
        "why": ["while you wait for your test results", "about the diagnosis", "about how much has to change now",
                "with the results still not back after three weeks"],
        "inf": ["to wait weeks without knowing what's wrong", "to take in a diagnosis like that"],
        "noun": "health anxiety", "when": "when they're waiting on test results",
        "own": ["I waited a month for biopsy results a few years ago, and I barely slept the whole time.",
                "When I was diagnosed with asthma as an adult I felt overwhelmed by all the changes too.",
                "I had a health scare last year, and the not-knowing was the worst part for me as well.",
                "i had to wait ages for scan results once and i was a complete wreck"],
        "restate": ["So you had the blood test three weeks ago and the clinic hasn't called yet.",
                    "The doctor confirmed the diagnosis on Tuesday."],
        "advice": ["Maybe you could call the clinic and ask when the results are expected.",
                   "It could help to write your questions down before your next appointment.",
                   "Try to plan something small to keep you busy while you wait."],
        "info": ["Diabetes charities run courses for people who have just been diagnosed.",
                 "Many clinics let you see your results through an online patient portal."],
        "questions": ["Did the doctor say when you'd hear back?", "What did the specialist tell you about treatment?"],
        "self": ["Worrying about your health doesn't make you a hypochondriac.",
                 "You're not overreacting - a diagnosis like this is a lot to take in."],
    },
    {
        "topic": "money worries",
        "seekers": ["I'm behind on my bills and the debt letters keep coming. I can't sleep.",
                    "I spent my savings on a car that broke down and I feel so stupid."],
        "feel": ["stressed", "trapped", "scared", "ashamed", "worried"],
        "why": ["with the debt letters piling up", "about falling behind on your bills",
                "after the car ate up your savings", "about where next month's rent will come from"],
        "inf": ["to open the post and dread what's inside", "to watch your savings disappear like that"],
        "noun": "debt", "when": "when money is tight",
        "own": ["I got into credit card debt in my twenties, and I used to hide the letters in a drawer.",
                "I once lost most of my savings on a flat deposit that fell through, and I felt so stupid.",
                "A few years ago I was behind on rent for three months, and the stress kept me up at night too.",
                "ive been buried in debt before and i know how scary those letters are"],
        "restate": ["So you owe about two thousand on the card and the bank wrote to you last week.",
                    "The car needs a new gearbox and the garage quoted you eight hundred."],
        "advice": ["Maybe you could list all your debts in one place so you can see the full picture.",
                   "You could call the lender and ask about a payment plan.",
                   "It might help to talk to a free debt advice service."],
        "info": ["Free debt advice charities can negotiate with creditors on your behalf.",
                 "Most energy suppliers have hardship funds for customers who are struggling."],
        "questions": ["How much do you owe in total?", "Have you spoken to the bank yet?"],
        "self": ["Buying a car that broke down doesn't make you stupid; you had no way of knowing.",
                 "Being in debt is not a moral failing, and it doesn't make you a bad person."],
    },
    {
        "topic": "parenting",
        "seekers": ["My toddler screams every night and I'm so tired I snapped at him. I feel like a terrible mum.",
                    "My teenage son barely talks to me anymore and I don't know what I did wrong."],
        "feel": ["exhausted", "worn down", "guilty", "shut out", "worried"],
        "why": ["after so many nights without sleep", "since your son stopped talking to you",
                "about snapping at your little one", "about the distance growing between you and your son"],
        "inf": ["to parent on so little sleep", "to feel your child pulling away from you"],
        "noun": "sleepless nights with small children", "when": "when their children hit the teenage years",
        "own": ["When my daughter was two she didn't sleep through for months, and I snapped at her more than"
                " once.",
                "My son went quiet on me at fifteen too, and I remember lying awake wondering what I'd done.",
                "I felt like a failure as a parent during my kids' toddler years as well.",
                "my little one was a terrible sleeper and i was a zombie for a whole year"],
        "restate": ["So your son is fifteen and mostly stays in his room after school.",
                    "Your toddler wakes up around two every night."],
        "advice": ["Maybe you and your partner could take turns on the night wake-ups.",
                   "You could try spending ten minutes a day with your son doing something he picks.",
                   "It might help to ask your health visitor about sleep routines."],
        "info": ["Health visitors can give advice on toddler sleep problems.",
                 "Many parenting charities run helplines for parents of teenagers."],
        "questions": ["How old is your little one?", "What does your son enjoy doing these days?"],
        "self": ["Snapping once when you're exhausted doesn't make you a terrible mum.",
                 "You haven't done anything wrong - pulling away is part of growing up for a lot of teenagers."],
    },
    {
        "topic": "self-esteem",
        "seekers": ["I feel like I'm worse than everyone at everything. I'm such a failure.",
                    "I messed up my presentation today and now I'm sure everyone thinks I'm an idiot."],
        "feel": ["discouraged", "embarrassed", "deflated", "ashamed"],
        "why": ["after the presentation didn't go the way you wanted", "when you compare yourself to others",
                "about one bad moment in front of your team", "about feeling like you fall short"],
        "inf": ["to carry around the feeling that you're never good enough",
                "to replay one mistake over and over"],
        "noun": "self-doubt", "when": "when they compare themselves to others",
        "own": ["I froze halfway through a big presentation once, and I was sure everyone thought I was an idiot.",
                "I've spent years feeling like a failure next to my friends, so I know how heavy that is.",
                "When I started my career I felt like a fraud every single day too.",
                "i used to feel like i was worse than everyone at everything, so i really get it"],
        "restate": ["So the presentation was this morning and your slides didn't load at first.",
                    "You compared your salary with your friends' last weekend."],
        "advice": ["Maybe try writing down three things you did well each day.",
                   "You could ask a colleague you trust how the presentation came across.",
                   "It might help to spend less time on social media for a while."],
        "info": ["Cognitive behavioural therapy is often used to work on low self-esteem.",
                 "There are free online courses on building self-confidence."],
        "questions": ["What went wrong in the presentation?", "Who are you comparing yourself with most?"],
        "self": ["You're not a failure; you're someone having a hard time, and that's different.",
                 "One shaky presentation doesn't make you an idiot, and I doubt anyone remembers it the way you"
                 " do."],
    },
    {
        "topic": "friendship",
        "seekers": ["My best friend has been ignoring my messages for weeks and I don't know why.",
                    "I wasn't invited to my friend's birthday and everyone posted photos."],
        "feel": ["hurt", "left out", "confused", "rejected", "sad"],
        "why": ["about your best friend going quiet", "after seeing the birthday photos",
                "about being left out of the party", "with no explanation for the silence"],
        "inf": ["to be left out by people you care about", "to be ignored by your closest friend"],
        "noun": "friendships drifting apart", "when": "when a friend suddenly goes quiet",
        "own": ["A close friend stopped answering me a few years ago, and I kept wondering what I'd done wrong.",
                "I was left off a friend's wedding guest list once, and it stung for a long time.",
                "I've had a best friend drift away too, and it hurt nearly as much as a breakup.",
                "i found out about a party i wasnt invited to from instagram once, felt awful"],
        "restate": ["So she hasn't replied to your messages since the start of the month.",
                    "The party was on Saturday and you saw the photos on Sunday."],
        "advice": ["Maybe send her one message saying you miss her, without asking why she's quiet.",
                   "You could arrange something with another friend this weekend.",
                   "Try talking to the friend who held the party directly."],
        "info": ["Some phone apps remind you to keep in touch with friends you haven't spoken to in a while.",
                 "Some counsellors specialise in relationship and friendship difficulties."],
        "questions": ["When did you last hear from her?", "Did anything happen between you before the party?"],
        "self": ["Being left out doesn't mean you're not worth inviting.",
                 "You didn't do anything wrong by reaching out to her."],
    },
    {
        "topic": "anxiety and sleep",
        "seekers": ["I lie awake every night worrying about everything. My heart races and I can't calm down.",
                    "I've started having panic attacks on the bus and now I'm scared to go anywhere."],
        "feel": ["anxious", "on edge", "frightened", "worn out"],
        "why": ["about the panic attacks on the bus", "after so many nights lying awake",
                "with your mind racing every night", "about going out in case it happens again"],
        "inf": ["to lie awake with your heart racing", "to feel scared of something as ordinary as a bus ride"],
        "noun": "anxiety", "when": "when they're under a lot of pressure",
        "own": ["I had panic attacks in my twenties, and I remember feeling sure I was about to collapse.",
                "I went through a long stretch of not sleeping last winter, lying awake with my thoughts racing"
                " just like you.",
                "When my anxiety was at its worst I avoided the underground for months.",
                "i had a phase where i couldnt sleep for weeks, it was miserable"],
        "restate": ["So the panic attacks started about a month ago on your way to work.",
                    "You've been getting about four hours of sleep a night."],
        "advice": ["Maybe try a slow breathing exercise when you feel it starting.",
                   "You could talk to your GP about the panic attacks.",
                   "It might help to put your phone away an hour before bed."],
        "info": ["Breathing exercises like box breathing can slow a racing heart.",
                 "Many doctors can refer you to talking therapy for anxiety."],
        "questions": ["When did the panic attacks start?", "What usually goes through your mind at night?"],
        "self": ["Having panic attacks doesn't mean you're weak or going mad.",
                 "You're not being dramatic; what you're describing is really frightening."],
    },
]

# Frames: "{f}" a feeling from the topic, "{w}" a reason phrase, "{i}" an infinitive, "{n}" the noun, "{c}" the
# "when" clause. Labels per LABELS.md.
REFLECT = [
    "It sounds like you're feeling {f} {w}.", "It sounds like you've been feeling really {f} {w}.",
    "I can hear how {f} you are {w}.", "You must be feeling so {f} {w}.", "No wonder you feel {f} {w}.",
    "It makes sense that you'd feel {f} {w}.", "So you're feeling {f} {w}.", "It must be really hard {i}.",
    "That must be so painful {w}.", "I can only imagine how {f} you must feel {w}.",
    "It seems like you're really {f} {w}, and that's a lot to carry.", "I'd feel {f} too {w}.",
    "you sound so {f} {w}", "It must feel awful {i}.", "I can tell this has left you feeling {f} {w}.",
    "That sounds incredibly tough - being {f} {w}.",
    "Of course you're {f} {w}.",
]
REFLECT_WEAK = ["It sounds like you're feeling {f}.", "You seem really {f}.", "I can tell you're {f}.",
                "That must be so hard.", "That sounds really {f}."]
NORMALIZE = [
    "It's completely normal to feel {f} {w}.", "A lot of people struggle with {n}.",
    "Feeling {f} {w} is a very natural reaction.", "You're definitely not alone - so many people feel {f} {c}.",
    "Anyone would feel {f} {w}.", "Lots of people go through {n}, and it doesn't mean something is wrong with you.",
    "It's really common for people to feel this way {c}.", "What you're feeling is a normal response to {n}.",
    "Many people feel exactly like this {c}, so please go easy on yourself.",
    "its totally normal to feel {f} {w}", "You're far from the only one who has felt {f} {c}.",
    "{n_cap} is something almost everyone faces at some point.",
]
REFLECT_NORMALIZE = [
    "It sounds like you're really {f} {w}, and honestly, most people would feel the same.",
    "No wonder you're {f} - and it's completely normal to feel that way {c}.",
]
RELATE_REFLECT = ["I remember feeling {f} like that myself once, so I can hear how hard this is for you {w}."]
GENERIC_NEG = {
    "greeting": ["Hi there, thanks for reaching out tonight.", "Hello! I'm glad you messaged.",
                 "hey, nice to meet you", "Good evening, I'm here to listen.", "Hi, how are you doing today?",
                 "Welcome, take your time."],
    "encouragement": ["You can do this!", "Stay strong.", "Things will get better, I promise.",
                      "I believe in you.", "Keep your head up!", "You've got this.", "Hang in there.",
                      "Tomorrow is a new day.", "I'm sure it will all work out in the end.",
                      "You're going to be fine.", "I hope things look up for you soon.",
                      "Wishing you all the best with it."],
    "thanks": ["Thank you for sharing this with me.", "Thanks for telling me all of that.",
               "Thanks for being so open with me.", "I appreciate you trusting me with this."],
    "bare_understand": ["I understand.", "I hear you.", "I see.", "I get it.", "Okay, I understand."],
    "apology_only": ["I'm so sorry to hear that.", "I'm sorry that happened.", "sorry to hear that",
                     "I'm really sorry."],
    "closing": ["I'm glad we could talk today.", "Feel free to come back any time you want to chat.",
                "Take care of yourself, okay?", "Goodbye for now, and look after yourself."],
    "irrelevant_story": ["I'm actually going camping this weekend myself.", "My cat knocked my coffee over this"
                         " morning, ha.", "I just got back from a trip to Lisbon."],
    "question": ["How are you feeling right now?", "Can you tell me more about that?", "What's been the hardest"
                 " part?", "How long has this been going on?", "Is there anyone you can talk to?",
                 "Do you feel angry about it?", "Are you feeling sad today?", "What would help you most right"
                 " now?"],
}

# Hand-written sentences for further topics (support-handwritten.txt), one per line: "<code>|<sentence>", where
# the code is the labels (R relating, E reflecting, N normalizing; combinations like EN) or "-<negative type>";
# "# <topic> | <seeker message>" starts a topic.
FREE = Path(__file__).resolve().parent / "support-handwritten.txt"


def _rows() -> list[dict[str, object]]:
    rng = random.Random(SEED)
    out: list[dict[str, object]] = []

    def add(topic: str, customer: str, text: str, labels: list[str], *, weak: bool = False,
            neg: str | None = None) -> None:
        text = text[0].upper() + text[1:] if text[:1].islower() and not text.startswith(("you ", "its ")) else text
        out.append({"id": f"sp-{len(out) + 1:04d}", "industry": topic, "register": "support",
                    "customer": customer, "text": text, "labels": labels, "weak": weak,
                    "negative_type": neg, "typo": False})

    for t in TOPICS:
        topic = str(t["topic"])
        seekers = list(t["seekers"])

        def fill(frame: str, t: dict[str, list[str] | str] = t) -> str:
            noun = str(t["noun"])
            return frame.format(f=rng.choice(t["feel"]), w=rng.choice(t["why"]), i=rng.choice(t["inf"]), n=noun,
                                c=t["when"], n_cap=noun[:1].upper() + noun[1:])

        def cust(seekers: list[str] = seekers) -> str:
            return rng.choice(seekers)

        for frame in rng.sample(REFLECT, 10):
            add(topic, cust(), fill(frame), [E])
        for frame in rng.sample(REFLECT_WEAK, 2):
            add(topic, cust(), fill(frame), [E], weak=True)
        for frame in rng.sample(NORMALIZE, 8):
            add(topic, cust(), fill(frame), [N])
        for s in t["self"]:
            add(topic, seekers[-1], s, [N])
        for s in t["own"]:
            add(topic, cust(), s, [R])
        add(topic, cust(), fill(rng.choice(REFLECT_NORMALIZE)), [E, N])
        add(topic, cust(), fill(RELATE_REFLECT[0]), [R, E])
        for s in t["restate"]:
            add(topic, cust(), s, [], neg="restatement")
        for s in t["advice"]:
            add(topic, cust(), s, [], neg="solution")
        for s in t["info"]:
            add(topic, cust(), s, [], neg="information")
        for s in t["questions"]:
            add(topic, cust(), s, [], neg="question")
        for kind, pool in GENERIC_NEG.items():
            for s in rng.sample(pool, 2 if kind in ("encouragement", "question") else 1):
                add(topic, cust(), s, [], neg=kind)
    topic, seeker = "", ""
    for line in FREE.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("# "):
            topic, seeker = (part.strip() for part in line[2:].split("|", 1))
            continue
        code, text = line.split("|", 1)
        if code.startswith("-"):
            add(topic, seeker, text, [], neg=code[1:])
        else:
            add(topic, seeker, text, [name for letter, name in (("R", R), ("E", E), ("N", N)) if letter in code])
    return out


def main() -> None:
    """Write the support-register sentences as JSON lines."""
    rows = _rows()
    with OUT.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

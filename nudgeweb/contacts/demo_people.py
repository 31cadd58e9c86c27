"""Realistic made-up people, fast: shared by the benchmarks and the demo data (no Faker per row)."""
import random

FIRST = ("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan "
         "Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty Anthony Sandra "
         "Mark Margaret Donald Ashley Steven Kimberly Andrew Emily Paul Donna Joshua Michelle Kenneth Carol Kevin "
         "Amanda Brian Melissa George Deborah Timothy Stephanie Ronald Rebecca Jason Laura Edward Helen Jeffrey "
         "Sharon Ryan Cynthia Jacob Kathleen Gary Amy Nicholas Angela Eric Shirley Jonathan Anna Stephen Ruth "
         "Larry Brenda Justin Pamela Scott Nicole Brandon Katherine Benjamin Samantha Samuel Christine Gregory "
         "Emma Alexander Catherine Frank Debra Patrick Rachel Raymond Carolyn Jack Janet Dennis Maria Jerry "
         "Olivia Tyler Heather Aaron Helena Jose Diane Adam Julie Nathan Joyce Henry Victoria Zachary Kelly "
         "Douglas Christina Peter Lauren Kyle Joan Noah Evelyn Ethan Judith Jeremy Megan Walter Andrea Christian "
         "Cheryl Keith Hannah Roger Jacqueline Terry Martha Austin Gloria Sean Teresa Gerald Ann Carl Sara Harold "
         "Madison Dylan Frances Arthur Kathryn Lawrence Janice Jordan Jean Jesse Abigail Bryan Alice Billy Judy "
         "Bruce Sophia Gabriel Grace Joe Denise Logan Amber Alan Doris Juan Marilyn Albert Danielle Willie Beverly "
         "Elijah Isabella Wayne Theresa Randy Diana Vincent Natalie Mason Brittany Roy Charlotte Ralph Marie Bobby "
         "Kayla Russell Alexis Bradley Lori Ada Wanjiku Priya Mei Hiroshi Fatima Omar Lucia Mateo Chloe Liam").split()
LAST = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez "
        "Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez "
        "Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker "
        "Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins "
        "Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly "
        "Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes "
        "Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan "
        "Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander "
        "Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina "
        "Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy "
        "Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon "
        "Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose "
        "Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver "
        "Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart "
        "Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado "
        "Berry Perkins Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval").split()
COMPANIES = ("", "", "", "", "Acme Corp", "Globex", "Initech", "Umbrella Dental", "Stark Industries", "Wayne Logistics",
             "Hooli", "Vandelay Imports", "Pied Piper", "Soylent Foods", "Cyberdyne", "Wonka Sweets", "Gringotts",
             "Oceanic Air", "Tyrell Corp", "Bluth Homes", "Dunder Mifflin", "Prestige Worldwide", "Sterling Cooper")
DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "proton.me", "aol.com", "example.net")
TAGS = ("vip", "newsletter", "wholesale", "walk-in", "online", "birthday-club", "catering", "regular", "lapsed", "staff")
AREA_CODES = (212, 213, 305, 312, 415, 503, 512, 617, 646, 702, 718, 773, 808, 917, 206, 404, 469, 480, 619, 720)


def person(rng: random.Random, n: int):
    """One made-up customer: dict of email, phone (E.164 or None), names, company, tags; n keeps it unique."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    email = f"{first.lower()}.{last.lower()}{n}@{rng.choice(DOMAINS)}" if rng.random() < 0.93 else None
    phone = f"+1{rng.choice(AREA_CODES)}{2000000 + n:07d}" if (rng.random() < 0.7 or email is None) else None
    tags = rng.sample(TAGS, k=rng.choice((0, 0, 1, 1, 1, 2, 3)))
    return {"email": email, "phone": phone, "first_name": first, "last_name": last,
            "company_name": rng.choice(COMPANIES), "tags": tags}
